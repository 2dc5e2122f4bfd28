from magiccli.cli import main

main()
