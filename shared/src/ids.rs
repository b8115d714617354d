//! Typed ids, so a user id can never be passed where an org id is expected.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    )*};
}

id_type!(
    /// A brokerage: the tenant.
    OrgId,
    /// A person with an account in one org.
    UserId,
    /// A team inside an org, led by a broker.
    TeamId,
    /// One signed-in device of a user.
    SessionId,
    /// A pending or accepted invitation.
    InvitationId,
    /// A property listing.
    ListingId,
    /// One photo of a listing.
    PhotoId,
);
