"""The reading pages: organizations, bodies, meetings, documents, the calendar, the
implementation dashboard, people and search. Every list starts from the access layer;
the rules stay in the domain packages' selectors and rules."""
