//! Times as people read them: UTC, local, and "expires in 23 days", all from one `now`.

use time::{OffsetDateTime, UtcOffset, format_description::well_known::Rfc3339};

/// RFC 3339 in UTC, seconds precision: `2026-11-24T20:05:45Z`.
pub fn rfc3339(at: OffsetDateTime) -> String {
    let at = at.to_offset(UtcOffset::UTC).replace_nanosecond(0).unwrap_or(at);
    // Written directly for the years RFC 3339 allows (the formatter is slow, and a CRL of a
    // million entries writes a million dates).
    if (0..=9999).contains(&at.year()) {
        let (date, time) = (at.date(), at.time());
        return format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            date.year(),
            u8::from(date.month()),
            date.day(),
            time.hour(),
            time.minute(),
            time.second()
        );
    }
    at.format(&Rfc3339).unwrap_or_else(|_| at.to_string())
}

/// A readable time in a given offset: `2026-11-24 21:05:45 +01:00`.
pub fn readable(at: OffsetDateTime, offset: UtcOffset) -> String {
    let at = at.to_offset(offset);
    let (h, m, _) = offset.as_hms();
    let zone = if offset.is_utc() { "UTC".to_string() } else { format!("{h:+03}:{:02}", m.abs()) };
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} {zone}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// Parses an RFC 3339 time (`--time` on the command line).
pub fn parse_rfc3339(text: &str) -> Result<OffsetDateTime, String> {
    OffsetDateTime::parse(text, &Rfc3339)
        .map_err(|err| format!("'{text}' is not an RFC 3339 time like 2026-01-31T12:00:00Z ({err})"))
}

/// The distance between two times in words: "23 days", "3 months", "1 year".
pub fn span(from: OffsetDateTime, to: OffsetDateTime) -> String {
    let seconds = (to - from).whole_seconds().unsigned_abs();
    let (count, unit) = match seconds {
        s if s < 60 => (s, "second"),
        s if s < 3_600 => (s / 60, "minute"),
        s if s < 86_400 => (s / 3_600, "hour"),
        s if s < 60 * 86_400 => (s / 86_400, "day"),
        s if s < 730 * 86_400 => (s / (30 * 86_400), "month"),
        s => (s / (365 * 86_400), "year"),
    };
    format!("{count} {unit}{}", if count == 1 { "" } else { "s" })
}

/// A time relative to `now`, in words: "in 3 days", "6 months ago".
pub fn relative(at: OffsetDateTime, now: OffsetDateTime) -> String {
    if at > now { format!("in {}", span(now, at)) } else { format!("{} ago", span(at, now)) }
}

/// Where `now` stands in a validity period, in words: "expires in 23 days",
/// "expired 3 months ago", "not valid until 2 days from now".
pub fn validity_phrase(not_before: OffsetDateTime, not_after: OffsetDateTime, now: OffsetDateTime) -> String {
    if now < not_before {
        format!("not valid yet: becomes valid in {}", span(now, not_before))
    } else if now > not_after {
        format!("expired {} ago", span(not_after, now))
    } else {
        format!("expires in {}", span(now, not_after))
    }
}

/// The local offset, read once at start-up while the process has one thread
/// (the `time` crate refuses to read it later, for soundness); UTC if unknown.
pub fn local_offset() -> UtcOffset {
    UtcOffset::current_local_offset().unwrap_or(UtcOffset::UTC)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn rfc3339_is_written_as_the_formatter_writes_it() {
        for at in [
            datetime!(2026-06-01 0:00 UTC),
            datetime!(1999-12-31 23:59:59 UTC),
            datetime!(2050-01-01 0:00:01.5 UTC),
            datetime!(2026-03-02 10:00 +02:00),
            datetime!(0001-01-01 0:00 UTC),
        ] {
            let utc = at.to_offset(UtcOffset::UTC).replace_nanosecond(0).unwrap();
            assert_eq!(rfc3339(at), utc.format(&Rfc3339).unwrap(), "{at}");
        }
    }

    #[test]
    fn validity_phrases() {
        let now = datetime!(2026-06-01 0:00 UTC);
        let rows = [
            (datetime!(2026-01-01 0:00 UTC), datetime!(2026-06-24 0:00 UTC), "expires in 23 days"),
            (datetime!(2025-01-01 0:00 UTC), datetime!(2026-03-01 0:00 UTC), "expired 3 months ago"),
            (datetime!(2026-06-03 0:00 UTC), datetime!(2027-06-03 0:00 UTC), "not valid yet: becomes valid in 2 days"),
            (datetime!(2020-01-01 0:00 UTC), datetime!(2024-05-01 0:00 UTC), "expired 2 years ago"),
            (datetime!(2026-01-01 0:00 UTC), datetime!(2026-06-01 1:00 UTC), "expires in 1 hour"),
        ];
        for (not_before, not_after, want) in rows {
            assert_eq!(validity_phrase(not_before, not_after, now), want, "row {want}");
        }
    }

    #[test]
    fn relative_times() {
        let now = datetime!(2026-06-01 0:00 UTC);
        assert_eq!(relative(datetime!(2026-06-04 0:00 UTC), now), "in 3 days");
        assert_eq!(relative(datetime!(2025-12-01 0:00 UTC), now), "6 months ago");
    }

    #[test]
    fn rfc3339_is_utc_with_z() {
        assert_eq!(rfc3339(datetime!(2026-06-01 12:30:05.5 +02:00)), "2026-06-01T10:30:05Z");
    }
}
