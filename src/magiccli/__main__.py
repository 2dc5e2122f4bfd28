from magiccli.app import main

main()
