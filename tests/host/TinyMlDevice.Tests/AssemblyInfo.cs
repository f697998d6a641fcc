// The facades' backends are process-wide (as the peripherals are on the device): one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
