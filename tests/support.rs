//! Test support: temporary sites, running the binary, comparing trees.
