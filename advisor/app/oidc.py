"""School sign-in with OpenID Connect: who the provider says someone is, and
which role that gives here. The protocol itself (discovery, the code flow,
the ID token's signature) is authlib's, in ``ui.server``; this module only
reads the verified claims, so it can be tested without a provider.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from advisor.domain.errors import AdvisorError
from advisor.domain.settings import Settings
from advisor.store.accounts import Role


class SignInRefusedError(AdvisorError):
    """The provider signed someone in whom this app does not admit."""

    exit_code = 7


class OIDCConfig(BaseModel):
    model_config = ConfigDict(frozen=True)

    discovery_url: str
    client_id: str
    client_secret: str
    scopes: str
    label: str
    username_claim: str
    role_claim: str
    leadership_values: frozenset[str]
    staff_values: frozenset[str]
    unknown_are_staff: bool

    @classmethod
    def from_settings(cls, settings: Settings) -> OIDCConfig | None:
        if not settings.oidc_discovery_url:
            return None
        if not settings.oidc_client_id:
            raise AdvisorError(
                "ADVISOR_OIDC_DISCOVERY_URL is set but ADVISOR_OIDC_CLIENT_ID is not"
            )
        secret = settings.oidc_client_secret
        return cls(
            discovery_url=settings.oidc_discovery_url,
            client_id=settings.oidc_client_id,
            client_secret=secret.get_secret_value() if secret else "",
            scopes=settings.oidc_scopes,
            label=settings.oidc_label,
            username_claim=settings.oidc_username_claim,
            role_claim=settings.oidc_role_claim,
            leadership_values=_values(settings.oidc_leadership_values),
            staff_values=_values(settings.oidc_staff_values),
            unknown_are_staff=settings.oidc_unknown_users == "staff",
        )


def _values(text: str) -> frozenset[str]:
    return frozenset(v.strip().lower() for v in text.split(",") if v.strip())


def _claim_values(claims: Mapping[str, object], name: str) -> set[str]:
    value = claims.get(name)
    if isinstance(value, str):
        return {value.strip().lower()}
    if isinstance(value, list | tuple):
        return {str(v).strip().lower() for v in value}
    return set()


class Identity(BaseModel):
    model_config = ConfigDict(frozen=True)

    username: str
    subject: str  # issuer and sub: stable, unlike a name or address
    role: Role


def identity(claims: Mapping[str, object], config: OIDCConfig) -> Identity:
    """The account a verified set of claims signs in as; refused when no role fits."""
    sub, issuer = claims.get("sub"), claims.get("iss", "")
    if not isinstance(sub, str) or not sub:
        raise SignInRefusedError("de school-login gaf geen gebruikers-id (sub) terug")
    found = next(
        (
            (key, value.strip().lower())
            for key in (config.username_claim, "email", "preferred_username")
            if isinstance(value := claims.get(key), str) and value.strip()
        ),
        None,
    )
    if found is None:
        raise SignInRefusedError("de school-login gaf geen naam of e-mailadres terug")
    key, name = found
    if key == "email" and claims.get("email_verified") is False:
        # An address the provider has not verified names no one: it could be anyone's.
        raise SignInRefusedError("de school-login meldt dat dit e-mailadres niet bevestigd is")
    groups = _claim_values(claims, config.role_claim)
    if groups & config.leadership_values:
        role = Role.LEADERSHIP
    elif groups & config.staff_values or config.unknown_are_staff:
        role = Role.STAFF
    else:
        raise SignInRefusedError(
            f"{name} heeft geen toegang tot de Protocol Advisor: vraag de ICT-afdeling "
            "om je aan de groep voor medewerkers of schoolleiding toe te voegen"
        )
    return Identity(username=name, subject=f"{issuer}|{sub}", role=role)
