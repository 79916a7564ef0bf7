// CairoRender: placeholder until its first feature lands.
