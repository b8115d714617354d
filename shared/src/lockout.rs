//! Sign-in throttling rules (product.md "Accounts and sessions"): 5 failed sign-ins
//! for an account within 15 minutes lock it for 15 minutes; 10 attempts per minute
//! per IP address.

use chrono::{DateTime, Duration, Utc};

/// Failures within the window that lock the account.
pub const MAX_FAILURES: usize = 5;
/// The window those failures must fall in.
pub const FAILURE_WINDOW: Duration = Duration::minutes(15);
/// How long the lock lasts after the failure that triggered it.
pub const LOCK_FOR: Duration = Duration::minutes(15);
/// Sign-in attempts allowed per IP address per minute.
pub const IP_ATTEMPTS_PER_MINUTE: i64 = 10;

/// When the account unlocks, if it is locked now. `failures` are the times of
/// failed attempts since the last success, oldest first.
pub fn locked_until(failures: &[DateTime<Utc>], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    failures
        .windows(MAX_FAILURES)
        .filter(|w| w[MAX_FAILURES - 1] - w[0] <= FAILURE_WINDOW)
        .map(|w| w[MAX_FAILURES - 1] + LOCK_FOR)
        .max()
        .filter(|until| *until > now)
}

/// The message for a wait, rounded up to whole minutes.
pub fn retry_message(wait: Duration) -> String {
    let minutes = ((wait.num_seconds().max(1) + 59) / 60).max(1);
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("Too many sign-in attempts. Try again in {minutes} {unit}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(min: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + min * 60, 0).unwrap()
    }

    #[test]
    fn five_failures_within_fifteen_minutes_lock_for_fifteen_minutes() {
        let f = [t(0), t(1), t(2), t(3), t(4)];
        assert_eq!(locked_until(&f, t(5)), Some(t(19)));
        assert_eq!(locked_until(&f, t(18)), Some(t(19)));
        assert_eq!(locked_until(&f, t(19)), None);
    }

    #[test]
    fn four_failures_or_spread_out_failures_do_not_lock() {
        assert_eq!(locked_until(&[t(0), t(1), t(2), t(3)], t(4)), None);
        assert_eq!(
            locked_until(&[t(0), t(5), t(10), t(15), t(20)], t(21)),
            None
        );
    }

    #[test]
    fn the_wait_is_rounded_up_to_minutes() {
        assert_eq!(
            retry_message(Duration::seconds(61)),
            "Too many sign-in attempts. Try again in 2 minutes."
        );
        assert_eq!(
            retry_message(Duration::seconds(5)),
            "Too many sign-in attempts. Try again in 1 minute."
        );
    }
}
