// MNIST: placeholder until its first feature lands.
