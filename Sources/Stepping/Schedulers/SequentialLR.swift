/// `torch.optim.lr_scheduler.SequentialLR`: the schedulers run one after another, each starting
/// at its milestone.
///
/// Built after the schedulers (each of which has taken its initial step on the shared group), it
/// resets the rate to `initial_lr`, moves every scheduler back one epoch and takes the first
/// one's initial step again; at a milestone the next scheduler starts from its closed form at
/// epoch 0 (`_update_lr(0)`), otherwise the current one steps.
struct SequentialLR: Sendable {
    var schedulers: [any TorchScheduler]
    let milestones: [Int]
    var lastEpoch: Int

    init(schedulers: [any TorchScheduler], milestones: [Int], group: inout ParamGroup) throws(ScheduleError) {
        self.schedulers = schedulers
        self.milestones = milestones
        lastEpoch = -1 + 1
        group.lr = group.initialLr!
        for i in self.schedulers.indices { self.schedulers[i].lastEpoch -= 1 }
        let index = bisectRight(milestones, 0)
        try self.schedulers[index].initialStep(&group)
    }

    mutating func step(_ group: inout ParamGroup) throws(ScheduleError) {
        lastEpoch += 1
        let index = bisectRight(milestones, lastEpoch)
        if index > 0 && milestones[index - 1] == lastEpoch {
            try schedulers[index].updateLr(&group, epoch: 0)
        } else {
            try schedulers[index].step(&group)
        }
    }
}
