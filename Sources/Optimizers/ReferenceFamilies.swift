// The families besides torch's: each rule of a family follows one reference implementation, and a
// spec picks it with the family's prefix (`keras.adam`). Their rules live in Textbook/, Keras/
// and Optax/, one file each.

extension OptimizerFamily {
    /// The numpy code of the book the seeds' examples use: oreilly-japan/deep-learning-from-scratch,
    /// `common/optimizer.py` (Saito, "Deep Learning from Scratch", O'Reilly Japan 2016, ch. 6).
    public static let textbook = OptimizerFamily(
        prefix: "textbook", title: "deep-learning-from-scratch common/optimizer.py (numpy; the book's formulas and defaults)")

    /// Keras 3 (3.15), as its torch backend computes it.
    public static let keras = OptimizerFamily(
        prefix: "keras", title: "Keras 3 keras.optimizers (the torch backend's kernels, Keras's names and defaults)",
        unmodelled: Dictionary(uniqueKeysWithValues: [
            "use_ema", "ema_momentum", "ema_overwrite_frequency", "loss_scale_factor", "gradient_accumulation_steps",
        ].map { ($0, "Keras applies it around the update rule (weight averages, loss scaling, gradient accumulation), and trajviz steps the rule alone") }
            + [("name", "a Keras optimizer's name labels its variables; the spec is the label here")]))

    /// optax (0.2.8) on jax, its aliases run op by op.
    public static let optax = OptimizerFamily(
        prefix: "optax", title: "optax on jax (its aliases: transformations chained with scale_by_learning_rate)",
        unmodelled: [
            "mu_dtype": "trajviz keeps every moment in the working precision (float64 on surfaces)",
            "accumulator_dtype": "trajviz keeps every moment in the working precision (float64 on surfaces)",
            "mask": "trajviz's parameters are one array, so a mask has nothing to select",
        ])
}
