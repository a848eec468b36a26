"""The invariants' tests again on PostgreSQL, the production database: secrecy read off its
schema and rows, what the centre holds opening only with k shares, batches stored once,
and the close checked against what the centre holds. (Concurrency has its own module,
test_concurrency.py; the station's SIGKILL test is in tests/station/test_end_to_end.py.)"""

from __future__ import annotations

import pytest
from django.db import connection

from tests.polling import test_batches, test_secrecy, test_station_day

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def on_postgresql(db):
    assert connection.vendor == "postgresql"


test_no_table_of_the_ballot_side_refers_to_the_voter_side_or_back = (
    test_secrecy.test_no_table_of_the_ballot_side_refers_to_the_voter_side_or_back
)
test_the_database_columns_of_ballots_and_tokens_hold_no_fine_time_and_no_serial_id = (
    test_secrecy.test_the_database_columns_of_ballots_and_tokens_hold_no_fine_time_and_no_serial_id
)
test_after_a_day_of_voting_no_row_log_or_audit_event_ties_a_voter_to_a_ballot = (
    test_secrecy.test_after_a_day_of_voting_no_row_log_or_audit_event_ties_a_voter_to_a_ballot
)
test_what_the_centre_holds_opens_only_with_k_shares_and_then_reads_as_cast = (
    test_secrecy.test_what_the_centre_holds_opens_only_with_k_shares_and_then_reads_as_cast
)
test_a_ballot_is_stored_once_under_a_random_id_and_its_token_is_used = (
    test_batches.test_a_ballot_is_stored_once_under_a_random_id_and_its_token_is_used
)
test_the_same_seq_with_other_content_is_a_replay_and_is_refused = (
    test_batches.test_the_same_seq_with_other_content_is_a_replay_and_is_refused
)
test_each_bad_ballot_is_refused_on_its_own_and_the_rest_stored = (
    test_batches.test_each_bad_ballot_is_refused_on_its_own_and_the_rest_stored
)
test_a_station_closes_with_matching_counts_and_then_refuses_everything = (
    test_station_day.test_a_station_closes_with_matching_counts_and_then_refuses_everything
)
test_a_token_the_station_never_received_is_voided_at_the_close = (
    test_station_day.test_a_token_the_station_never_received_is_voided_at_the_close
)
