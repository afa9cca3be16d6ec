//! Tests: build (being written).
