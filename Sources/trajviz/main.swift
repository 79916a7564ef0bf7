import TrajvizCLI

TrajvizMain.run()
