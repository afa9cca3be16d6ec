//! Tests: golden (being written).
