//! The circuit breaker in front of the remote AI service (product.md "AI content",
//! seed 002 L936-938): after 5 failed calls in a row it opens for 60 s and every
//! request goes straight to the offline writer; then it lets calls through again
//! (half-open), and 3 successes in a row close it while one failure reopens it.
//! State is per process; the time comes from the injected clock.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use app::platform::Clock;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BreakerConfig {
    /// Consecutive failed calls (every attempt of one request failed) that open it.
    pub failure_threshold: u32,
    /// How long it stays open before letting calls through again.
    pub open_for: Duration,
    /// Consecutive successes while half-open that close it.
    pub close_after: u32,
}

impl Default for BreakerConfig {
    /// product.md "AI content": opens after 5 consecutive failures for 60 s and
    /// closes after 3 successes (seed 002 L936-938).
    fn default() -> Self {
        Self {
            failure_threshold: 5,
            open_for: Duration::from_secs(60),
            close_after: 3,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CircuitState {
    Closed,
    Open,
    HalfOpen,
}

impl CircuitState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Closed => "closed",
            Self::Open => "open",
            Self::HalfOpen => "half_open",
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Inner {
    Closed { failures: u32 },
    Open { until: DateTime<Utc> },
    HalfOpen { successes: u32 },
}

pub struct CircuitBreaker {
    config: BreakerConfig,
    clock: Arc<dyn Clock>,
    // A std Mutex: every method locks, updates and unlocks without awaiting.
    inner: Mutex<Inner>,
}

impl CircuitBreaker {
    pub fn new(config: BreakerConfig, clock: Arc<dyn Clock>) -> Self {
        metrics::gauge!("ai_circuit_open").set(0.0);
        Self {
            config,
            clock,
            inner: Mutex::new(Inner::Closed { failures: 0 }),
        }
    }

    pub fn config(&self) -> BreakerConfig {
        self.config
    }

    /// The current state (an open breaker whose time is up reports half-open).
    pub fn state(&self) -> CircuitState {
        let inner = self.lock_current();
        match *inner {
            Inner::Closed { .. } => CircuitState::Closed,
            Inner::Open { .. } => CircuitState::Open,
            Inner::HalfOpen { .. } => CircuitState::HalfOpen,
        }
    }

    /// Whether a call may go to the remote service now.
    pub fn allow(&self) -> bool {
        !matches!(*self.lock_current(), Inner::Open { .. })
    }

    pub fn record_success(&self) {
        let mut inner = self.lock_current();
        *inner = match *inner {
            Inner::Closed { .. } => Inner::Closed { failures: 0 },
            Inner::HalfOpen { successes } if successes + 1 >= self.config.close_after => {
                tracing::info!("AI circuit breaker closed");
                Inner::Closed { failures: 0 }
            }
            Inner::HalfOpen { successes } => Inner::HalfOpen {
                successes: successes + 1,
            },
            // a call that began before the breaker opened: the pause still stands
            open @ Inner::Open { .. } => open,
        };
        set_gauge(&inner);
    }

    pub fn record_failure(&self) {
        let mut inner = self.lock_current();
        let open = || Inner::Open {
            until: self.clock.now() + chrono_duration(self.config.open_for),
        };
        *inner = match *inner {
            Inner::Closed { failures } if failures + 1 >= self.config.failure_threshold => {
                tracing::warn!(
                    failures = failures + 1,
                    "AI circuit breaker opened after consecutive failures"
                );
                open()
            }
            Inner::Closed { failures } => Inner::Closed {
                failures: failures + 1,
            },
            Inner::HalfOpen { .. } => {
                tracing::warn!("AI circuit breaker reopened: a call failed while half-open");
                open()
            }
            open @ Inner::Open { .. } => open,
        };
        set_gauge(&inner);
    }

    /// The lock, with an open breaker whose time is up moved to half-open first.
    fn lock_current(&self) -> MutexGuard<'_, Inner> {
        // A poisoned lock only means a panic elsewhere mid-update of plain data.
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if let Inner::Open { until } = *inner {
            if self.clock.now() >= until {
                *inner = Inner::HalfOpen { successes: 0 };
                set_gauge(&inner);
            }
        }
        inner
    }
}

fn set_gauge(inner: &Inner) {
    let open = matches!(inner, Inner::Open { .. });
    metrics::gauge!("ai_circuit_open").set(if open { 1.0 } else { 0.0 });
}

fn chrono_duration(d: Duration) -> chrono::Duration {
    chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct TestClock(Mutex<DateTime<Utc>>);

    impl Clock for TestClock {
        fn now(&self) -> DateTime<Utc> {
            *self.0.lock().unwrap()
        }
    }

    fn breaker() -> (CircuitBreaker, Arc<TestClock>) {
        let clock = Arc::new(TestClock(Mutex::new(Utc::now())));
        (
            CircuitBreaker::new(BreakerConfig::default(), clock.clone()),
            clock,
        )
    }

    #[test]
    fn the_defaults_are_five_failures_sixty_seconds_three_successes() {
        let c = BreakerConfig::default();
        assert_eq!(c.failure_threshold, 5);
        assert_eq!(c.open_for, Duration::from_secs(60));
        assert_eq!(c.close_after, 3);
    }

    #[test]
    fn a_success_resets_the_failure_count() {
        let (b, _) = breaker();
        for _ in 0..4 {
            b.record_failure();
        }
        b.record_success();
        for _ in 0..4 {
            b.record_failure();
        }
        assert_eq!(b.state(), CircuitState::Closed);
        b.record_failure();
        assert_eq!(b.state(), CircuitState::Open);
        assert!(!b.allow());
    }

    #[test]
    fn it_half_opens_when_the_open_period_is_over() {
        let (b, clock) = breaker();
        for _ in 0..5 {
            b.record_failure();
        }
        *clock.0.lock().unwrap() += chrono::Duration::seconds(59);
        assert_eq!(b.state(), CircuitState::Open);
        *clock.0.lock().unwrap() += chrono::Duration::seconds(1);
        assert_eq!(b.state(), CircuitState::HalfOpen);
        assert!(b.allow());
        b.record_success();
        b.record_success();
        assert_eq!(b.state(), CircuitState::HalfOpen);
        b.record_success();
        assert_eq!(b.state(), CircuitState::Closed);
    }
}
