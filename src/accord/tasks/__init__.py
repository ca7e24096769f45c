"""What is the reader's to do: a delegation's decisions awaiting its position and the
measures its state is responsible for, the meetings its state chairs next; the
secretariat's drafts to review, overdue referrals and meetings missing data. Read by
the web page, the API and the CLI alike (`selectors.tasks_for`)."""
