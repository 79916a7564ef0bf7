import CairoRender
import Models
import Optimizers
import Plot
import Regression
import Studies

/// What `trajviz mnist` records of its runs and draws from the record, shared with `replay` so
/// that a replayed manifest gives the very figure and CSV the run gave.
enum MNISTStudy {
    /// The record of one finished run of `spec` (whose label is the run's), the spec `row` as
    /// written, trained at the swept `rate` (nil without a sweep).
    static func record(_ r: TrainingResult, spec: OptimizerSpec, row: String, rate: Double?) -> TrainingRunRecord {
        // Legend entries carry the learning rate (sgd at lr 0.01 looking stuck says why).
        let legend = legendText(optimizer: r.optimizer, hyperparameters: r.hyperparameters, appearance: spec.appearance)
            + (r.divergedAt.map { " (diverged at iteration \($0))" } ?? "")
        return TrainingRunRecord(
            label: r.label, spec: row, optimizer: r.optimizer, rate: rate, hyperparameters: r.hyperparameters,
            schedule: r.schedule, legend: legend, color: spec.appearance.color, divergedAt: r.divergedAt, epochs: r.epochs,
            losses: r.losses, batchAccuracies: r.batchAccuracies, lrs: r.lrs,
            accuracies: r.accuracies.map { TestAccuracy(iteration: $0.iteration, epoch: $0.epoch, accuracy: $0.accuracy) },
            epochMeanLosses: r.epochMeanLosses)
    }

    /// The figure of a record: with several rates one row per spec and the final accuracy against
    /// the rate (``trainingSweepFigure(rates:rows:title:width:height:theme:)``); otherwise the
    /// training curves of every run (``trainingFigure(curves:title:width:height:theme:)``).
    static func figure(_ record: TrainingRecord) -> Figure {
        if record.rates.count > 1 {
            let rows = record.rows.map { row in
                TrainingSweepRow(title: row.spec, runs: row.runs.map { r in
                    TrainingSweepRun(losses: r.losses.map(Double.init), accuracy: r.accuracies.map { (iteration: $0.iteration, accuracy: $0.accuracy) },
                                     divergedAt: r.divergedAt)
                })
            }
            return trainingSweepFigure(rates: record.rates, rows: rows, title: record.title)
        }
        let curves = record.runs.map { r in
            TrainingCurve(label: r.legend, optimizer: r.optimizer, losses: r.losses.map(Double.init),
                          accuracy: r.accuracies.map { (iteration: $0.iteration, accuracy: $0.accuracy) }, color: r.color)
        }
        return trainingFigure(curves: curves, title: record.title)
    }

    /// The figure's bytes in `format`.
    static func render(_ record: TrainingRecord, format: ImageFormat) throws(CLIError) -> [UInt8] {
        do throws(RenderError) {
            return try CairoRender.render(figure(record), format: format)
        } catch {
            throw .failure("cannot draw the figure: \(error.description)")
        }
    }
}
