package localaws

// AWS Organizations, modelled only as far as CloudTrail needs it: an
// organization has a management account, which alone may create an
// organization trail, and member accounts, which see that trail and whose
// events it records.

// Organization is an AWS Organizations organization.
type Organization struct {
	// ID is the organization id, o- and 10 to 32 lower-case letters or
	// digits, e.g. "o-exampleorgid".
	ID string
	// ManagementAccount is the account that created the organization.
	ManagementAccount string
	// Members are the other accounts in it.
	Members []string
}

// PutOrganization seeds an organization, replacing one with the same id.
// An account belongs to one organization at most; seeding it into a second
// one moves it.
func (s *Server) PutOrganization(o Organization) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o.Members = append([]string(nil), o.Members...)
	kept := s.chain.orgs[:0:0]
	for _, old := range s.chain.orgs {
		if old.ID != o.ID {
			kept = append(kept, old)
		}
	}
	s.chain.orgs = append(kept, &o)
}

// orgOf returns the organization an account belongs to, nil for none. The
// caller holds s.mu.
func (s *Server) orgOf(account string) *Organization {
	for _, o := range s.chain.orgs {
		if o.ManagementAccount == account {
			return o
		}
		for _, m := range o.Members {
			if m == account {
				return o
			}
		}
	}
	return nil
}

// checkOrgTrailCaller refuses an organization trail unless the caller is its
// organization's management account, with CloudTrail's errors.
func (c *call) checkOrgTrailCaller() error {
	o := c.srv.orgOf(c.account)
	if o == nil {
		return ctError("OrganizationsNotInUseException", "This account is not part of an organization.")
	}
	if o.ManagementAccount != c.account {
		return ctError("NotOrganizationMasterAccountException",
			"You cannot configure or manage trails for an organization because this action requires being signed in with the management account.")
	}
	return nil
}
