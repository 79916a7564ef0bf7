import Testing
@testable import Plot

@Suite struct AnimationTimelineTests {
    /// The defaults: 150 frames from step 0 to the last, 40 ms each, then the hold.
    @Test func defaultsSampleEvenly() {
        let t = AnimationTimeline(lastStep: 500, fps: 25, duration: 6)
        #expect(t.frames.count == 150)
        #expect(t.frames.first!.step == 0 && t.frames.last!.step == 500)
        #expect(t.frames.dropLast().allSatisfy { $0.delay == 4 })
        #expect(t.frames.last!.delay == 4 + 200)
        #expect(t.length == 600 + 200)
        #expect(zip(t.frames, t.frames.dropFirst()).allSatisfy { $0.step < $1.step })
    }

    /// Delays in whole centiseconds never drift: 30 fps gives 3 and 4 cs adding up to the duration.
    @Test func roundingDoesNotAccumulate() {
        let t = AnimationTimeline(lastStep: 1000, fps: 30, duration: 2)
        #expect(t.frames.count == 60)
        #expect(Set(t.frames.dropLast().map(\.delay)) == [3, 4])
        #expect(t.length == 200 + 200)
    }

    /// Never below 20 ms, even at the highest rate.
    @Test func noDelayUnder20ms() {
        for fps in [45, 50] {
            #expect(AnimationTimeline(lastStep: 10_000, fps: fps, duration: 3).frames.allSatisfy { $0.delay >= 2 })
        }
    }

    /// Fewer steps than frames: one frame per step, spread over the duration.
    @Test func shortRunsGetAFramePerStep() {
        let t = AnimationTimeline(lastStep: 9, fps: 25, duration: 6)
        #expect(t.frames.map(\.step) == Array(0...9))
        #expect(t.frames.dropLast().allSatisfy { $0.delay == 60 })
        let still = AnimationTimeline(lastStep: 0, fps: 25, duration: 6)
        #expect(still.frames == [AnimationTimeline.Frame(step: 0, delay: 800)])
    }
}
