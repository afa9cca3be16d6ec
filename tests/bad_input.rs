//! Tests: bad_input (being written).
