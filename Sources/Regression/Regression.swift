// Regression: placeholder until its first feature lands.
