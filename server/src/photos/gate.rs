//! Who may have a photo decoded, and when (issue 11 item 10): a rate limit per person
//! and per brokerage, and a fair queue in front of the decoders.
//!
//! - **Rate**: `PHOTOS_PER_USER_PER_MIN` photos per person and `PHOTOS_PER_ORG_PER_MIN`
//!   per brokerage, counted per file (each file is a decode), as GCRA buckets
//!   (`governor`) that refill evenly over the minute. Per process: with several
//!   instances each keeps its own count (a brokerage can reach N × the limit), which
//!   still bounds what any one process decodes.
//! - **Memory**: at most `DECODE_SLOTS` photos decode at once in the process, each
//!   within `process::MAX_DECODED_BYTES` (README "Memory budget").
//! - **Fairness**: a person has one decode in flight or queued for a slot at a time;
//!   their next file waits for their own turn first. The slots' queue is FIFO, so
//!   someone uploading one photo waits behind at most one photo of each other
//!   uploader, never behind a whole burst.
//!
//! Time comes from the app's clock (`ServerCtx::clock`), so tests can move it.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use app::platform::Clock;
use governor::clock::Clock as GovernorClock;
use governor::{Quota, RateLimiter};
use shared::ids::{OrgId, UserId};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Photos decoded at once per process. Each can hold ~170 MB at its peak.
pub const DECODE_SLOTS: usize = 2;
/// Photos one person may upload per minute: three full listings (product.md: 20 photos
/// per listing), far above a person at work, low enough that one account can't keep
/// the decoders busy for everyone else.
pub const PHOTOS_PER_USER_PER_MIN: u32 = 60;
/// Photos one brokerage may upload per minute: several agents at their own limit at
/// once, and about what two decoders get through in a minute of the largest photos.
pub const PHOTOS_PER_ORG_PER_MIN: u32 = 200;

/// The app's clock as governor's: time since the Unix epoch (it only takes differences).
#[derive(Clone)]
struct AppClock(Arc<dyn Clock>);

impl GovernorClock for AppClock {
    type Instant = Duration;

    fn now(&self) -> Duration {
        (self.0.now() - chrono::DateTime::UNIX_EPOCH)
            .to_std()
            .unwrap_or_default()
    }
}

type Keyed<K> = RateLimiter<
    K,
    governor::state::keyed::HashMapStateStore<K>,
    AppClock,
    governor::middleware::NoOpMiddleware<Duration>,
>;

/// Why a photo can't be taken now, and when it can.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limited {
    User { retry_after_secs: u64 },
    Org { retry_after_secs: u64 },
}

impl Limited {
    pub fn retry_after_secs(self) -> u64 {
        match self {
            Limited::User { retry_after_secs } | Limited::Org { retry_after_secs } => {
                retry_after_secs
            }
        }
    }

    /// What the person uploading is told.
    pub fn message(self) -> String {
        let secs = self.retry_after_secs();
        let wait = if secs == 1 {
            "a second".to_owned()
        } else {
            format!("{secs} seconds")
        };
        match self {
            Limited::User { .. } => format!(
                "You've added {PHOTOS_PER_USER_PER_MIN} photos in the last minute, the most \
                 allowed. Please wait {wait} and add the rest."
            ),
            Limited::Org { .. } => format!(
                "Your brokerage has added {PHOTOS_PER_ORG_PER_MIN} photos in the last minute, \
                 the most allowed. Please wait {wait} and add the rest."
            ),
        }
    }
}

/// Each uploader's own turn, with how many of their files hold or wait for it (the
/// entry goes when that reaches zero, so the map holds active uploaders only).
type Turns = Arc<Mutex<HashMap<UserId, (Arc<Semaphore>, usize)>>>;

pub struct PhotoGate {
    decoding: Arc<Semaphore>,
    turns: Turns,
    per_user: Keyed<UserId>,
    per_org: Keyed<OrgId>,
}

impl PhotoGate {
    pub fn new(clock: Arc<dyn Clock>) -> Self {
        Self::with_limits(clock, PHOTOS_PER_USER_PER_MIN, PHOTOS_PER_ORG_PER_MIN)
    }

    pub fn with_limits(clock: Arc<dyn Clock>, per_user: u32, per_org: u32) -> Self {
        let quota = |n: u32| Quota::per_minute(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN));
        let clock = AppClock(clock);
        PhotoGate {
            decoding: Arc::new(Semaphore::new(DECODE_SLOTS)),
            turns: Arc::default(),
            per_user: RateLimiter::hashmap_with_clock(quota(per_user), clock.clone()),
            per_org: RateLimiter::hashmap_with_clock(quota(per_org), clock),
        }
    }

    /// Counts one photo against the person's and the brokerage's minute. The person's
    /// bucket is asked first: someone at their own limit never uses up the brokerage's.
    pub fn admit(&self, user: UserId, org: OrgId) -> Result<(), Limited> {
        let secs = |wait: Duration| wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        let now = self.per_user.clock().now();
        self.per_user
            .check_key(&user)
            .map_err(|not| Limited::User {
                retry_after_secs: secs(not.wait_time_from(now)).max(1),
            })?;
        self.per_org.check_key(&org).map_err(|not| Limited::Org {
            retry_after_secs: secs(not.wait_time_from(now)).max(1),
        })?;
        // forget buckets that are full again, now and then, so the maps stay small
        if self.per_user.len() > 1024 {
            self.per_user.retain_recent();
            self.per_org.retain_recent();
        }
        Ok(())
    }

    /// Waits for the person's own turn, then for a decode slot. Move the result into
    /// the decoding task and drop it when decoding ends (not when the request does: a
    /// client that goes away mustn't free a slot whose decode is still running).
    pub async fn decode_turn(&self, user: UserId) -> Result<DecodeTurn, Closed> {
        let ticket = Ticket::new(&self.turns, user);
        let own = ticket
            .turn
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| Closed)?;
        let slot = self
            .decoding
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| Closed)?;
        Ok(DecodeTurn {
            _slot: slot,
            _own: own,
            _ticket: ticket,
        })
    }
}

/// The decoders were shut down.
#[derive(Debug)]
pub struct Closed;

/// A decode slot and the uploader's turn. Fields drop in order: the slot, the turn,
/// then the ticket (which may remove the uploader's entry).
pub struct DecodeTurn {
    _slot: OwnedSemaphorePermit,
    _own: OwnedSemaphorePermit,
    _ticket: Ticket,
}

/// One file of an uploader holding or waiting for their turn.
struct Ticket {
    turns: Turns,
    user: UserId,
    turn: Arc<Semaphore>,
}

impl Ticket {
    fn new(all: &Turns, user: UserId) -> Self {
        let mut turns = all.lock().unwrap_or_else(|e| e.into_inner());
        let entry = turns
            .entry(user)
            .or_insert_with(|| (Arc::new(Semaphore::new(1)), 0));
        entry.1 += 1;
        Ticket {
            turns: all.clone(),
            user,
            turn: entry.0.clone(),
        }
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut turns = self.turns.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(entry) = turns.get_mut(&self.user) {
            entry.1 -= 1;
            if entry.1 == 0 {
                turns.remove(&self.user);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    struct Fixed(Mutex<DateTime<Utc>>);
    impl Clock for Fixed {
        fn now(&self) -> DateTime<Utc> {
            *self.0.lock().unwrap()
        }
    }

    fn ids() -> (UserId, UserId, OrgId) {
        (
            UserId(uuid::Uuid::new_v4()),
            UserId(uuid::Uuid::new_v4()),
            OrgId(uuid::Uuid::new_v4()),
        )
    }

    #[test]
    fn a_person_gets_their_minute_then_waits_for_the_bucket_to_refill() {
        let clock = Arc::new(Fixed(Mutex::new(Utc::now())));
        let gate = PhotoGate::with_limits(clock.clone(), 3, 100);
        let (a, b, org) = ids();
        for _ in 0..3 {
            gate.admit(a, org).unwrap();
        }
        // 3 a minute refill one every 20 s
        assert_eq!(
            gate.admit(a, org),
            Err(Limited::User {
                retry_after_secs: 20
            })
        );
        gate.admit(b, org).unwrap();
        *clock.0.lock().unwrap() += chrono::Duration::seconds(20);
        gate.admit(a, org).unwrap();
        assert!(gate.admit(a, org).is_err());
    }

    #[test]
    fn a_brokerage_at_its_limit_refuses_everyone_in_it_without_using_their_own_minute() {
        let clock = Arc::new(Fixed(Mutex::new(Utc::now())));
        let gate = PhotoGate::with_limits(clock, 2, 3);
        let (a, b, org) = ids();
        gate.admit(a, org).unwrap();
        gate.admit(a, org).unwrap();
        gate.admit(b, org).unwrap();
        assert!(matches!(gate.admit(b, org), Err(Limited::Org { .. })));
        assert!(matches!(gate.admit(a, org), Err(Limited::User { .. })));
        let msg = Limited::Org {
            retry_after_secs: 20,
        }
        .message();
        assert!(
            msg.contains("Your brokerage") && msg.contains("wait 20 seconds"),
            "{msg}"
        );
    }

    #[tokio::test]
    async fn an_uploader_has_one_turn_at_a_time_and_the_entry_goes_with_the_last_file() {
        let clock = Arc::new(Fixed(Mutex::new(Utc::now())));
        let gate = PhotoGate::new(clock);
        let (a, b, _) = ids();
        let first = gate.decode_turn(a).await.unwrap();
        // a's second file waits for a's turn although a decode slot is free
        let second = tokio::time::timeout(Duration::from_millis(50), gate.decode_turn(a)).await;
        assert!(
            second.is_err(),
            "a's second file got a turn while the first held one"
        );
        // b takes the free slot at once
        let other = gate.decode_turn(b).await.unwrap();
        drop(first);
        drop(other);
        let again = gate.decode_turn(a).await.unwrap();
        drop(again);
        assert!(gate.turns.lock().unwrap().is_empty());
    }
}
