// The facades' backends are process-wide, like the peripherals of one board: one simulation at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
