//! Tests: check (being written).
