//! Times as people read them: UTC, local, and "expires in 23 days", all from one `now`.

use time::{OffsetDateTime, UtcOffset, format_description::well_known::Rfc3339};

/// RFC 3339 in UTC, seconds precision: `2026-11-24T20:05:45Z`.
pub fn rfc3339(at: OffsetDateTime) -> String {
    let at = at.to_offset(UtcOffset::UTC).replace_nanosecond(0).unwrap_or(at);
    // Written directly for the years RFC 3339 allows (the formatter is slow, and a CRL of a
    // million entries writes a million dates).
    if (0..=9999).contains(&at.year()) {
        let mut out = String::with_capacity(20);
        write_rfc3339_unix(&mut out, at.unix_timestamp());
        return out;
    }
    at.format(&Rfc3339).unwrap_or_else(|_| at.to_string())
}

/// Unix seconds written as RFC 3339 UTC into `out`, without allocating (a report of a million
/// CRL entries writes a million of them).
pub fn write_rfc3339_unix(out: &mut String, seconds: i64) {
    let days = seconds.div_euclid(86_400);
    let of_day = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    if !(0..=9999).contains(&year) {
        let at = OffsetDateTime::from_unix_timestamp(seconds);
        out.push_str(
            &at.map_or_else(|_| seconds.to_string(), |at| at.format(&Rfc3339).unwrap_or_else(|_| at.to_string())),
        );
        return;
    }
    let digit = |value: i64| char::from(b'0' + (value % 10) as u8);
    let two = |out: &mut String, value: i64| {
        out.push(digit(value / 10));
        out.push(digit(value));
    };
    two(out, year / 100);
    two(out, year % 100);
    out.push('-');
    two(out, month);
    out.push('-');
    two(out, day);
    out.push('T');
    two(out, of_day / 3600);
    out.push(':');
    two(out, of_day / 60 % 60);
    out.push(':');
    two(out, of_day % 60);
    out.push('Z');
}

/// The civil date of a day count since 1970-01-01 (H. Hinnant's days_from_civil, inverted).
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
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
    fn unix_seconds_are_written_and_read_as_the_time_crate_does() {
        for seconds in [0i64, 951_782_400, 1_709_337_600, 4_102_444_799, -86_400, 253_402_300_799, 1_234_567_890] {
            let mut out = String::new();
            write_rfc3339_unix(&mut out, seconds);
            assert_eq!(out, rfc3339(OffsetDateTime::from_unix_timestamp(seconds).unwrap()), "{seconds}");
            let at = OffsetDateTime::from_unix_timestamp(seconds).unwrap();
            let days = days_from_civil(i64::from(at.year()), i64::from(u8::from(at.month())), i64::from(at.day()));
            assert_eq!(
                days * 86_400 + i64::from(at.hour()) * 3600 + i64::from(at.minute()) * 60 + i64::from(at.second()),
                seconds
            );
        }
    }

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
