//! Admin pages (both sides): users and invitations, teams, the Fair Housing phrase list.

pub mod fair_housing;
pub mod teams_page;
pub mod users;
