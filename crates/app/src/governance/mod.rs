//! The cooperative's governance (SPEC §7: proposals, votes, the versioned scoring parameters,
//! disputes). Empty for now: its use cases and their `GovernanceError` come here, one function
//! per use case, as the features are built.
