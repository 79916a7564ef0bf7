// MLP: placeholder until its first feature lands.
