// Plot: placeholder until its first feature lands.
