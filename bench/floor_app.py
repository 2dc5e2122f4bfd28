"""The framework's floor: a minimal one-command Typer app, run the way magiccli is (python, typer, one argument).

python bench/floor_app.py 1945-07-21
"""

import typer

app = typer.Typer()


@app.command()
def cable(ref: str) -> None:
    print(ref)


if __name__ == "__main__":
    app()
