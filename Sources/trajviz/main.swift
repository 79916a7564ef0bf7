import TrajvizCLI
Trajviz.main()
