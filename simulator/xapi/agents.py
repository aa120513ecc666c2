"""Who a trainee is in the LRS: the actor settings saved in the store, applied to one trainee."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simulator.xapi.statements import DEFAULT_HOME_PAGE, ActorSettings, actor

if TYPE_CHECKING:
    from simulator.store import Store


def actor_settings(store: Store) -> ActorSettings:
    get = store.get_setting
    return ActorSettings(
        str(get("xapi.actor", "account")), str(get("xapi.home_page", DEFAULT_HOME_PAGE)), str(get("xapi.mbox_domain", ""))
    )


def agent_for(store: Store, trainee_id: str) -> dict[str, Any]:
    found = store.trainee(trainee_id)
    name, employee_id = (found.name, found.employee_id) if found else (trainee_id, None)
    return actor(trainee_id, name, employee_id, actor_settings(store))
