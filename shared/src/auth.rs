//! Roles and what each may do (seed 002 L6016-6049, product.md "Tenancy, roles, access").

use serde::{Deserialize, Serialize};

/// A user's role within their org, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Broker,
    Agent,
    Viewer,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Broker, Role::Agent, Role::Viewer];

    /// The value stored in the database and sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Broker => "broker",
            Role::Agent => "agent",
            Role::Viewer => "viewer",
        }
    }

    /// The word shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Admin",
            Role::Broker => "Broker",
            Role::Agent => "Agent",
            Role::Viewer => "Viewer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// Everything a role can be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    ReadProperty,
    WriteProperty,
    ReadClient,
    WriteClient,
    GenerateContent,
    PublishContent,
    ViewAnalytics,
    ExportReports,
    /// Invite users, change roles and teams, disable accounts, read the outbox.
    ManageUsers,
    /// Org settings, audit log.
    SystemConfig,
}

/// Whether `role` may do `permission`. Viewers only read (seed 002 L6043-6046).
pub fn can(role: Role, permission: Permission) -> bool {
    use Permission::*;
    match role {
        Role::Admin => true,
        Role::Broker => !matches!(permission, ManageUsers | SystemConfig),
        Role::Agent => !matches!(permission, ManageUsers | SystemConfig | ExportReports),
        Role::Viewer => matches!(permission, ReadProperty | ReadClient | ViewAnalytics),
    }
}

/// Changing the password, managing users and roles and exporting data ask for the
/// password again when the session last proved it longer ago than this (product.md).
pub const REAUTH_AFTER: chrono::Duration = chrono::Duration::minutes(15);

#[cfg(test)]
mod tests {
    use super::*;
    use Permission::*;

    #[test]
    fn the_permission_map_matches_the_seed() {
        let table = [
            (Role::Admin, ManageUsers, true),
            (Role::Admin, SystemConfig, true),
            (Role::Broker, ExportReports, true),
            (Role::Broker, ManageUsers, false),
            (Role::Agent, WriteProperty, true),
            (Role::Agent, ExportReports, false),
            (Role::Agent, SystemConfig, false),
            (Role::Viewer, ReadProperty, true),
            (Role::Viewer, ViewAnalytics, true),
            (Role::Viewer, WriteProperty, false),
            (Role::Viewer, WriteClient, false),
            (Role::Viewer, GenerateContent, false),
        ];
        for (role, perm, expected) in table {
            assert_eq!(can(role, perm), expected, "{role:?} {perm:?}");
        }
    }

    #[test]
    fn roles_round_trip_through_their_names() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("owner"), None);
    }
}
