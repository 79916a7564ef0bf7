import Optimizers
import Regression

/// The CSV files of `trajviz sweep` and `trajviz tune`: one row per run, and one row per
/// evaluation. Numbers are the shortest decimals that read back to the identical Double; an empty
/// field means none; fields holding commas are quoted (RFC 4180), as in the path CSV.
public enum StudyCSV {
    /// The header of a sweep's CSV; with `--runs`, `run` follows `optimizer`.
    ///
    /// * `label`: the run's label (``SweepRunRecord/label``); `optimizer`: the registry name;
    ///   `lr`: the run's base learning rate;
    /// * `start_x,start_y`: its start; `end_x,end_y`: its last finite point (empty when f is
    ///   undefined at the start); `final_loss`: f there; `last_step`: that point's step;
    /// * `diverged_at`: the step it diverged at; `steps_to`: the first step within the `steps-to`
    ///   tolerance (empty: not reached, or another metric); `distance`: to the nearest listed minimum;
    /// * `basin`: the listed minimum reached (1-based) or `elsewhere`, `left`, `diverged`, `undefined`;
    /// * `metric`: the run's score under `--metric`, or `diverged`, `not reached`.
    public static func sweepHeader(runs: Bool) -> String {
        "label,optimizer," + (runs ? "run," : "")
            + "lr,start_x,start_y,end_x,end_y,final_loss,last_step,diverged_at,steps_to,distance,basin,metric"
    }

    /// The CSV of a sweep's runs, in the record's order.
    ///
    /// - Complexity: O(runs).
    public static func sweep(_ record: SweepRecord, minimumValue: Double?) -> String {
        let runs = record.runs.contains { $0.run != nil }
        var out = sweepHeader(runs: runs) + "\n"
        out.reserveCapacity(record.runs.count * 160)
        for r in record.runs {
            let o = r.outcome
            var row = [PathCSV.field(r.label), PathCSV.field(r.optimizer)]
            if runs { row.append(r.run.map(String.init) ?? "") }
            row.append(number(r.hyperparameters["lr"]?.number))
            row += [number(r.start.x), number(r.start.y), number(o.end?.x), number(o.end?.y), number(o.finalLoss),
                    String(o.lastStep), o.divergedAt.map(String.init) ?? "", o.stepsTo.map(String.init) ?? "",
                    number(o.distance), r.basin.text, score(record.metric.value(of: o, minimumValue: minimumValue))]
            out += row.joined(separator: ",")
            out += "\n"
        }
        return out
    }

    /// The CSV of a tuning: one row per evaluation, every optimizer's in turn, with a column per
    /// hyperparameter of the space (empty where the optimizer does not search it).
    ///
    ///     label,optimizer,evaluation,phase,lr,beta1,objective
    ///     "adam:lr=0.05,beta1=0.9",adam,1,baseline,0.05,0.9,0.00021
    ///
    /// `label` is the spec that reproduces the evaluation in the surface command; `evaluation`
    /// counts from 1; `phase` is baseline, design, refine or explore.
    public static func tune(_ record: TuneRecord, labels: [[String]]) -> String {
        var out = (["label", "optimizer", "evaluation", "phase"] + record.space.map(\.name) + ["objective"]).joined(separator: ",") + "\n"
        for (o, optimizer) in record.optimizers.enumerated() {
            for (k, e) in optimizer.evaluations.enumerated() {
                var row = [PathCSV.field(labels[o][k]), PathCSV.field(optimizer.optimizer), String(k + 1), e.phase.rawValue]
                for d in record.space {
                    row.append(optimizer.tuned.firstIndex(of: d.name).map { number(e.values[$0]) } ?? "")
                }
                row.append(score(e.score))
                out += row.joined(separator: ",") + "\n"
            }
        }
        return out
    }

    static func number(_ v: Double?) -> String { v.flatMap { $0.isFinite ? exactDecimal($0) : nil } ?? "" }

    static func score(_ s: MetricValue) -> String {
        switch s {
        case .value(let v): return v.isFinite ? exactDecimal(v) : "diverged"
        case .notReached: return "not reached"
        case .diverged: return "diverged"
        }
    }
}
