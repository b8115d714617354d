//! The org's Fair Housing phrase list (anchors.md 4.5): seeded from the defaults the
//! first time it is needed, edited by admins (Admin → Fair Housing), checked against
//! every AI text (listing copy now; follow-up emails later).

pub mod api;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod phrases;
