/// Temporary seam until the step loop's `StepContext` lands: a family rule stepped at a given
/// rate and cycled momentum.
protocol RateSteppable {
    func update<T: OptimizerScalar>(
        _ parameters: UnsafeMutableBufferPointer<T>, gradient: UnsafeBufferPointer<T>, state: inout OptimizerState<T>,
        lr: Double, momentum: Double?)
}
extension TextbookSGD: RateSteppable {}
extension TextbookMomentum: RateSteppable {}
extension TextbookNesterov: RateSteppable {}
extension TextbookAdaGrad: RateSteppable {}
extension TextbookRMSprop: RateSteppable {}
extension TextbookAdam: RateSteppable {}
extension KerasSGD: RateSteppable {}
extension KerasRMSprop: RateSteppable {}
extension KerasAdagrad: RateSteppable {}
extension KerasAdadelta: RateSteppable {}
extension KerasAdam: RateSteppable {}
extension KerasAdamax: RateSteppable {}
extension KerasNadam: RateSteppable {}
extension KerasLion: RateSteppable {}
extension OptaxSGD: RateSteppable {}
extension OptaxAdagrad: RateSteppable {}
extension OptaxRMSprop: RateSteppable {}
extension OptaxAdam: RateSteppable {}
extension OptaxAdamW: RateSteppable {}
extension OptaxAdamax: RateSteppable {}
extension OptaxRAdam: RateSteppable {}
extension OptaxAMSGrad: RateSteppable {}
extension OptaxAdaBelief: RateSteppable {}
extension OptaxYogi: RateSteppable {}
extension OptaxLion: RateSteppable {}
