use super::*;

const MD: ChangeKind = ChangeKind::Content;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn paths(changes: Option<Vec<Change>>) -> Vec<String> {
    changes
        .expect("a batch")
        .into_iter()
        .map(|c| c.path)
        .collect()
}

#[test]
fn an_in_place_save_is_due_a_grace_after_its_close() {
    let t = Instant::now();
    let mut batch = Batch::new(true);
    batch.note("content/a.md", MD, Step::Written, t);
    assert_eq!(batch.due(), Some(t + OPEN_LIMIT), "held while written");
    batch.note("content/a.md", MD, Step::Closed, t + ms(1));
    assert_eq!(batch.due(), Some(t + ms(1) + GRACE));
    assert_eq!(batch.take_due(t + ms(1)), None);
    assert_eq!(paths(batch.take_due(t + ms(1) + GRACE)), ["content/a.md"]);
    assert_eq!(batch.due(), None);
}

#[test]
fn a_temporary_renamed_into_place_is_no_change() {
    let t = Instant::now();
    let mut batch = Batch::new(true);
    let temp = "content/a.md.x3Yz";
    batch.note(temp, ChangeKind::ContentAsset, Step::Created, t);
    batch.note(temp, ChangeKind::ContentAsset, Step::Written, t);
    batch.note(temp, ChangeKind::ContentAsset, Step::Closed, t);
    // A new file closed may be renamed next: it settles.
    assert_eq!(batch.due(), Some(t + SETTLE));
    batch.note(temp, ChangeKind::ContentAsset, Step::RenamedFrom, t + ms(1));
    batch.note("content/a.md", MD, Step::RenamedTo, t + ms(1));
    assert_eq!(batch.due(), Some(t + ms(1) + GRACE));
    assert_eq!(paths(batch.take_due(t + ms(3))), ["content/a.md"]);
}

#[test]
fn a_file_renamed_away_and_written_anew_is_saved_at_its_close() {
    // Vim's save: the file renamed to a backup, written anew, closed.
    let t = Instant::now();
    let mut batch = Batch::new(true);
    batch.note("content/a.md", MD, Step::RenamedFrom, t);
    assert_eq!(batch.due(), Some(t + SETTLE));
    batch.note("content/a.md", MD, Step::Created, t);
    batch.note("content/a.md", MD, Step::Written, t);
    batch.note("content/a.md", MD, Step::Closed, t);
    assert_eq!(batch.due(), Some(t + GRACE));
}

#[test]
fn a_burst_of_files_is_one_batch_settled_after_its_last() {
    let t = Instant::now();
    let mut batch = Batch::new(true);
    for i in 0..50 {
        let at = t + Duration::from_micros(i * 20);
        let path = format!("content/m/{i:02}.md");
        batch.note(&path, MD, Step::Created, at);
        batch.note(&path, MD, Step::Written, at);
        batch.note(&path, MD, Step::Closed, at);
    }
    let last = t + Duration::from_micros(49 * 20);
    assert_eq!(batch.due(), Some(last + SETTLE));
    assert_eq!(batch.take_due(last + GRACE), None);
    assert_eq!(paths(batch.take_due(last + SETTLE)).len(), 50);
}

#[test]
fn a_file_still_written_is_held_until_closed() {
    let t = Instant::now();
    let mut batch = Batch::new(true);
    batch.note("content/a.md", MD, Step::Written, t);
    batch.note("content/b.md", MD, Step::Written, t + ms(1));
    batch.note("content/b.md", MD, Step::Closed, t + ms(1));
    let due = batch.due().unwrap();
    assert_eq!(due, t + ms(1) + SETTLE);
    assert_eq!(paths(batch.take_due(due)), ["content/b.md"]);
    assert_eq!(batch.due(), Some(t + OPEN_LIMIT), "a.md is still written");
    batch.note("content/a.md", MD, Step::Written, t + ms(200));
    batch.note("content/a.md", MD, Step::Closed, t + ms(300));
    assert_eq!(paths(batch.take_due(t + ms(300) + GRACE)), ["content/a.md"]);
}

#[test]
fn a_file_never_closed_goes_after_the_limit() {
    let t = Instant::now();
    let mut batch = Batch::new(true);
    batch.note("static/big.bin", ChangeKind::Static, Step::Written, t);
    batch.note(
        "static/big.bin",
        ChangeKind::Static,
        Step::Touched,
        t + ms(5),
    );
    assert_eq!(batch.take_due(t + OPEN_LIMIT - ms(1)), None);
    assert_eq!(paths(batch.take_due(t + OPEN_LIMIT)), ["static/big.bin"]);
    // Its close, after it went, is a change again.
    batch.note(
        "static/big.bin",
        ChangeKind::Static,
        Step::Closed,
        t + OPEN_LIMIT,
    );
    assert_eq!(batch.due(), Some(t + OPEN_LIMIT + GRACE));
}

#[test]
fn removals_settle_and_a_temporary_removed_is_no_change() {
    let t = Instant::now();
    let mut batch = Batch::new(true);
    batch.note("content/a.md", MD, Step::Removed, t);
    assert_eq!(batch.due(), Some(t + SETTLE));
    batch.note("content/4913", ChangeKind::ContentAsset, Step::Created, t);
    batch.note("content/4913", ChangeKind::ContentAsset, Step::Closed, t);
    batch.note("content/4913", ChangeKind::ContentAsset, Step::Removed, t);
    assert_eq!(paths(batch.take_due(t + SETTLE)), ["content/a.md"]);
}

#[test]
fn without_closes_every_event_settles() {
    let t = Instant::now();
    let mut batch = Batch::new(false);
    batch.note("content/a.md", MD, Step::Written, t);
    assert_eq!(batch.due(), Some(t + SETTLE));
    batch.note("content/a.md", MD, Step::Written, t + ms(4));
    assert_eq!(batch.due(), Some(t + ms(4) + SETTLE));
}

#[test]
fn a_steady_stream_still_gives_batches() {
    let t = Instant::now();
    let mut batch = Batch::new(true);
    for i in 0..200 {
        batch.note("content/a.md", MD, Step::Touched, t + ms(5 * i));
    }
    assert_eq!(batch.due(), Some(t + LONGEST_BATCH));
}

#[test]
fn a_file_written_for_long_does_not_hurry_the_others() {
    let t = Instant::now();
    let mut batch = Batch::new(true);
    for i in 0..100 {
        batch.note(
            "static/big.bin",
            ChangeKind::Static,
            Step::Written,
            t + ms(20 * i),
        );
    }
    let saved = t + ms(1990);
    batch.note("content/a.md", MD, Step::RenamedFrom, saved);
    assert_eq!(batch.due(), Some(saved + SETTLE), "not the stream's limit");
}
