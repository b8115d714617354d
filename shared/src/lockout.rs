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
/// A reserved attempt older than this no longer blocks its account (its request died
/// between the reservation and the password check).
pub const PENDING_STALE_AFTER: Duration = Duration::seconds(30);
/// What a second sign-in for an account waits while the first is being checked.
pub const IN_FLIGHT_RETRY: Duration = Duration::seconds(1);

/// What the sign-in reservation saw, read under the IP and account locks.
#[derive(Debug, Clone, Default)]
pub struct AttemptCounts {
    /// Attempts from this IP in the last minute (pending and blocked ones included).
    pub ip_attempts: i64,
    pub ip_oldest: Option<DateTime<Utc>>,
    /// Attempts on this account reserved and not yet settled.
    pub in_flight: i64,
    /// Failures on this account since its last success, oldest first.
    pub failures: Vec<DateTime<Utc>>,
}

/// Whether a sign-in attempt may check its password.
#[derive(Debug, Clone, PartialEq)]
pub enum Admission {
    Check,
    Refuse {
        wait: Duration,
        message: String,
        /// The account is locked (audited as `sign_in_blocked`); otherwise the IP limit or
        /// another attempt in flight refused it.
        account_locked: bool,
    },
}

/// The rules in order: the per-IP limit, the account lock, then at most one attempt in
/// flight per account (so parallel guesses cannot all be checked before any is counted).
pub fn admit(c: &AttemptCounts, ip_limit: i64, now: DateTime<Utc>) -> Admission {
    if c.ip_attempts >= ip_limit {
        let wait = c
            .ip_oldest
            .map(|o| o + Duration::minutes(1) - now)
            .unwrap_or(Duration::minutes(1));
        return Admission::Refuse {
            message: retry_message(wait),
            wait,
            account_locked: false,
        };
    }
    if let Some(until) = locked_until(&c.failures, now) {
        let wait = until - now;
        return Admission::Refuse {
            message: retry_message(wait),
            wait,
            account_locked: true,
        };
    }
    if c.in_flight > 0 {
        return Admission::Refuse {
            wait: IN_FLIGHT_RETRY,
            message: "A sign-in for this account is already in progress. Try again in a moment."
                .into(),
            account_locked: false,
        };
    }
    Admission::Check
}

/// Seconds for a `Retry-After` header, rounded up, at least 1.
pub fn retry_after_secs(wait: Duration) -> u64 {
    ((wait.num_milliseconds() + 999) / 1000).max(1) as u64
}

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

    fn counts(ip: i64, in_flight: i64, failures: &[DateTime<Utc>]) -> AttemptCounts {
        AttemptCounts {
            ip_attempts: ip,
            ip_oldest: Some(t(0)),
            in_flight,
            failures: failures.to_vec(),
        }
    }

    #[test]
    fn an_attempt_is_checked_when_nothing_stands_in_its_way() {
        assert_eq!(admit(&counts(9, 0, &[t(0); 4]), 10, t(0)), Admission::Check);
    }

    #[test]
    fn the_ip_limit_comes_first_and_waits_for_the_oldest_attempt_to_age() {
        let Admission::Refuse {
            wait,
            account_locked,
            ..
        } = admit(&counts(10, 1, &[t(0); 5]), 10, t(0) + Duration::seconds(20))
        else {
            panic!("refused")
        };
        assert_eq!(wait, Duration::seconds(40));
        assert!(!account_locked);
    }

    #[test]
    fn a_locked_account_is_refused_before_the_in_flight_rule() {
        let f = [t(0), t(1), t(2), t(3), t(4)];
        let Admission::Refuse {
            account_locked,
            wait,
            ..
        } = admit(&counts(0, 1, &f), 10, t(5))
        else {
            panic!("refused")
        };
        assert!(account_locked);
        assert_eq!(wait, Duration::minutes(14));
    }

    #[test]
    fn a_second_attempt_while_one_is_in_flight_waits_a_second() {
        let Admission::Refuse {
            wait,
            account_locked,
            message,
        } = admit(&counts(1, 1, &[]), 10, t(0))
        else {
            panic!("refused")
        };
        assert_eq!(wait, IN_FLIGHT_RETRY);
        assert!(!account_locked);
        assert!(message.contains("already in progress"));
    }

    #[test]
    fn retry_after_is_whole_seconds_rounded_up() {
        assert_eq!(retry_after_secs(Duration::milliseconds(1)), 1);
        assert_eq!(retry_after_secs(Duration::milliseconds(1001)), 2);
        assert_eq!(retry_after_secs(Duration::zero()), 1);
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
