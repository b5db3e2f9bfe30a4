"""The vocabulary of a question's reading: who asks, whose conduct, what act,
what it concerns, where, the conditions it states, and what it asks.

The case bank (``corpus/bank``) is labelled in these terms and the reading
stage (``pipeline.read``) predicts them; ``corpus/bank/GUIDE.md`` defines each.
"""

from __future__ import annotations

from enum import StrEnum


class Asker(StrEnum):
    STAFF = "staff"
    LEADER = "leader"
    PARENT = "parent"
    PUPIL = "pupil"


class Actor(StrEnum):
    """Whose conduct is at issue."""

    ASKER = "asker"
    COLLEAGUE = "colleague"
    PUPIL = "pupil"
    PARENT = "parent"
    OUTSIDER = "outsider"
    NONE = "none"


class Act(StrEnum):
    BEFRIEND_FOLLOW = "befriend_follow"
    CONTACT_MESSAGE = "contact_message"
    POST_IMAGES = "post_images"
    SHARE_INFORMATION = "share_information"
    PUBLISH_OPINION = "publish_opinion"
    PUBLISH_SCHOOL_TOPIC = "publish_school_topic"
    DISCUSS_ONLINE = "discuss_online"
    PASSWORDS = "passwords"
    HACKING = "hacking"
    IMPERSONATION = "impersonation"
    THREAT_BULLYING = "threat_bullying"
    OFFENSIVE_CONTENT = "offensive_content"
    NETWORK_USE = "network_use"
    PHONES = "phones"
    REPORTING = "reporting"
    SANCTIONS = "sanctions"
    OTHER = "other"
    NONE = "none"


class Concern(StrEnum):
    """What the act concerns (the bank's ``object``)."""

    PUPIL_IMAGES = "pupil_images"
    STAFF_IMAGES = "staff_images"
    PERSONAL_DATA = "personal_data"
    CONFIDENTIAL = "confidential"
    OPINION = "opinion"
    SCHOOL_NEWS = "school_news"
    OFFENSIVE = "offensive"
    NONE = "none"


class Channel(StrEnum):
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    WHATSAPP = "whatsapp"
    TIKTOK = "tiktok"
    SNAPCHAT = "snapchat"
    YOUTUBE = "youtube"
    X = "x"
    LINKEDIN = "linkedin"
    DISCORD = "discord"
    SCHOOL_APP = "school_app"
    SCHOOL_WEBSITE = "school_website"
    EMAIL = "email"
    OTHER_ONLINE = "other_online"
    OFFLINE = "offline"
    NONE = "none"


class Condition(StrEnum):
    """A condition a question states (never one it leaves open)."""

    PROFESSIONAL_ACCOUNT = "professional_account"
    PRIVATE_ACCOUNT = "private_account"
    SCHOOL_CHANNEL = "school_channel"
    PRIVATE_CHANNEL = "private_channel"
    CONSENT_GIVEN = "consent_given"
    CONSENT_MISSING = "consent_missing"
    PERMISSION_GIVEN = "permission_given"
    PERMISSION_MISSING = "permission_missing"
    FORMER_PUPIL = "former_pupil"
    PRIVATE_TIME = "private_time"
    NO_SCHOOL_LINK = "no_school_link"
    CONFIDENTIAL_INFO = "confidential_info"
    PERSONAL_INFO = "personal_info"
    NEGATIVE_CONSEQUENCES = "negative_consequences"
    ON_BEHALF_OF_SCHOOL = "on_behalf_of_school"
    AS_PRIVATE_PERSON = "as_private_person"
    POSSIBLE_CRIME = "possible_crime"
    # Kept to oneself: nothing is posted or shared (only ever stated in words).
    NOT_SHARED = "not_shared"
    # Followed by a pupil (or following one) without the other following back:
    # no "met elkaar 'vriend'" (only ever stated in words).
    ONE_WAY = "one_way"
    # Another network than the school's (at home, one's own mobile data): 1.11
    # rules only "het netwerk van de school" (only ever stated in words).
    NOT_SCHOOL_NETWORK = "not_school_network"
    # One's own mobile data or hotspot, also in school: not the school's network
    # either (only ever stated in words).
    OWN_MOBILE_DATA = "own_mobile_data"
    # An account still to be set up for work (to reach pupils, for a class):
    # 2.1's professional account if nothing personal goes on it, which the
    # question leaves open (only ever stated in words).
    WORK_ACCOUNT_PLANNED = "work_account_planned"
    # The other party is a pupil's parent: 1.12 and 2.1 name "leerlingen en
    # medewerkers van de school" (only ever stated in words).
    PARENT_PARTY = "parent_party"
    # No pupil in the image and no school activity (a classroom, a mural): not
    # 2.4's "beeldmateriaal van leerlingen" (only ever stated in words).
    NO_PUPILS_PICTURED = "no_pupils_pictured"
    # The other party is of another school: 1.12 and 2.1 name "leerlingen en
    # medewerkers van de school" (only ever stated in words).
    OTHER_SCHOOL = "other_school"
    # The school's own official account followed: no staff member's (only ever
    # stated in words).
    SCHOOL_ACCOUNT = "school_account"


class QuestionType(StrEnum):
    MAY_I = "may_i"
    WHAT_TO_DO = "what_to_do"
    CONSEQUENCES = "consequences"
    SCOPE = "scope"
    REPORT = "report"
