//! Tests: scaffold (being written).
