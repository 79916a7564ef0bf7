// SurfaceFiles: placeholder until its first feature lands.
