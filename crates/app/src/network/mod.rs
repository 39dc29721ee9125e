//! The seller network (SPEC §6: coops, ephemeral messages, safety alerts, check-ins, the panic
//! alarm). Empty for now: its use cases and their `NetworkError` come here, one function per
//! use case, as the features are built.
