//! Tests: deploy (being written).
