// Expressions: placeholder until its first feature lands.
