// One target at a time: each starts a whole host, the machine is small, and unobserved task exceptions are counted
// process-wide, so a target running beside another would be charged with the other's.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
