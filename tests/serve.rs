//! Tests: serve (being written).
