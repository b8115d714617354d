//! The signed-out pages (both sides): sign-in, registration, password reset, email
//! verification, invitations.

pub mod pages;
