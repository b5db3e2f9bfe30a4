"""What a question asks, beyond its topic: read by patterns, never by a model.

* Whether it asks about *consequences* ("wat gebeurt er met mij", "welke
  maatregelen", "personeelsdossier", "what happens to a teacher who…"): such a
  question is answered by the sanction clauses of section 3 for the people
  involved, next to the clause on the conduct itself.
* Whose conduct it is about: staff (3.1, 3.2) or pupils and parents (3.3, 3.4).
* Whether it asks to pass something on to the mentor or supervisor, as the
  protocol tells staff and pupils to do.
* Whether it is about online media at all (the protocol's subject).
* Whether it contains or names someone's personal data (a phone number, an
  address…): then the privacy clause is what it turns on.
* Phrases a question uses to say that a clause's condition is not met
  (``Clause.unmet_cues`` in the corpus), compiled to one pattern per clause.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from advisor.domain.models import Audience, Reading

_CONSEQUENCE = re.compile(
    r"\b("
    # Dutch
    r"wat gebeurt er\b[^.?!]{0,30}\bmet|wat gebeurt er (als|wanneer|bij)|"
    r"wat (kan|mag|moet) de school\b[^.?!]{0,30}\bdoen|"
    r"gevolg(en)?|consequenties?|maatregel\w*|sancties?|welke straf|straf (krijgen|geven)|"
    r"krijgt\b[^.?!]{0,20}\bstraf|krijg (ik|je|jij|we|hij|ze)\b[^.?!]{0,20}\bstraf|bestraf\w*|"
    r"personeelsdossier|leerlingdossier|dossier|aantekening|berisping|"
    r"schorsing|geschorst|schorsen|verwijder(d|en|ing) van school|van school (gestuurd|getrapt)|"
    r"ontslag|ontslagen|plichtsverzuim|disciplinair\w*|arbeidsrechtelijk\w*|"
    r"aangepakt|aanpakken|op het matje|(mijn|zijn|haar|je|jouw) baan kwijt|baan verliezen|"
    # English
    r"what (will )?happens? (to|if|when)|"
    r"what (can|could|will|would) (the school|they|management) do|"
    r"consequences?|measures?|sanctions?|punish\w*|penalt\w*|disciplin\w*|"
    r"personnel file|pupil file|student file|staff file|on (my|his|her|their) (record|file)|"
    r"recorded|fired|dismiss\w*|suspen\w*|expel\w*|reprimand\w*|get in trouble|"
    r"be in trouble|los(e|ing) (my|his|her|their|your) job"
    r")\b",
    re.IGNORECASE,
)

# Who did it: the first person or role a question names. The one asking is staff.
_STAFF = re.compile(
    r"\b(ik|mij|me|mijn|wij|we|docent\w*|leraar|leraren|leerkracht\w*|juf|meester|mentor|"
    r"collega\w*|medewerker\w*|personeel\w*|personeelsdossier|i|my|teacher\w*|colleague\w*|"
    r"staff|employee\w*|personnel)\b",
    re.IGNORECASE,
)
_PUPILS = re.compile(
    r"\b(leerling\w*|klasgeno\w*|scholier\w*|ouder|ouders|vader|moeder|verzorger\w*|"
    r"leerlingdossier|pupil\w*|student\w*|classmate\w*|parent\w*|father|mother|kid|kids|child|"
    r"children)\b",
    re.IGNORECASE,
)
# Whether the school goes to the police: asked about, 3.5 answers it.
_POLICE = re.compile(
    r"\b(aangifte|politie|police|press charges)\b",
    re.IGNORECASE,
)

# Names the protocol itself (or its guidelines).
_PROTOCOL = re.compile(r"\b(protocol\w*|richtlijn\w*|guidelines?)\b", re.IGNORECASE)
# Says someone does not keep to the protocol (not only names it beside a
# consequence: "wat gebeurt er als ik te laat cijfers invoer, staat dat in het
# protocol?" is no breach of it).
_THE = r"((het|de|dit|ons|onze|the|our|this|school's) )?"
_RULES = r"(social[- ]media[- ])?(protocol|richtlijnen|guidelines|rules)\b"
_BREAKS_PROTOCOL = re.compile(
    rf"\bniet aan {_THE}{_RULES}|"
    rf"\b(overtre\w*|schend\w*|in strijd met) {_THE}{_RULES}|"
    rf"\b{_THE}{_RULES}[^.?!]{{0,20}}\b(overtre\w*|schend\w*|breekt|breken)\b|"
    rf"(\bnot|n't) (follow\w*|keep\w* to|stick\w* to|comply\w* with|obey\w*) {_THE}{_RULES}|"
    rf"\b(break\w*|broke|violat\w*|breach\w*|ignor\w*) {_THE}{_RULES}|"
    # "houdt zich daar niet aan", "negeert het protocol", "lapt het protocol aan
    # zijn laars", "in breach of / contrary to the protocol", "doesn't respect it"
    rf"\b{_RULES}[^?!]{{0,80}}\b(houdt|houden|hield|hielden) zich (daar|er) niet aan\b|"
    rf"\b(negeer\w*|lapt|lappen) {_THE}{_RULES}|"
    rf"\b(in breach of|in violation of|contrary to) {_THE}{_RULES}|"
    rf"(\bnot|n't) respect\w* {_THE}{_RULES}",
    re.IGNORECASE,
)

# Doubt about whether something is all right (2.6: "Bij twijfel…").
_DOUBT = re.compile(
    r"\b(twijfel\w*|weet (het )?niet zeker|niet zeker of|"
    r"not sure|unsure|in doubt|doubts?|doubting|hesita\w*)\b",
    re.IGNORECASE,
)

# The asker says they ask in their role ("ik als leerkracht", "as a teacher").
_AS_STAFF = re.compile(
    r"\b(als|as an?)\s+(docent|leraar|leerkracht|mentor|medewerker|personeelslid|juf|meester|"
    r"teacher|tutor|member of staff|staff member|employee)\b"
    # ...or says so: "Ik ben docent", "I'm a teacher at…" (not "I'm a teacher's
    # son", nor a pupil's "ik ben de leerling van")
    r"|\b(ik ben|i'?m|i am)\s+(een |a |an )?(docent|leraar|lerares|leerkracht|"
    r"teacher|member of staff|staff member)\b(?!['’]s)",
    re.IGNORECASE,
)

# "Is it OK if I…": asking about one's own conduct, and asking leave (_LEAVE).
_IS_IT_OK = r"is it (ok|okay|fine|allowed|alright) (if|for) (i|me)"

# The asker asks about their own conduct: "mag ik…", "ik wil…", "can I…".
_OWN_CONDUCT = re.compile(
    r"\b((mag|kan|moet|wil|zou|durf) ik|ik (wil|ga|mag|zou|wilde|dacht)|"
    r"(can|may|should|could|shall) i|i (want|would like|plan|am going|was going) to|"
    + _IS_IT_OK
    + r")\b",
    re.IGNORECASE,
)

_TARGET = re.compile(r"\b(tegen|met|voor|against|to|for|on)\s", re.IGNORECASE)

# Someone's personal data in the question: what the pseudonymiser replaced
# (advisor.pipeline.privacy's search words) and what staff call it.
_PERSONAL_DATA = re.compile(
    r"\b(telefoonnummer\w*|06-?nummer\w*|mobiele nummer|e-?mailadres\w*|huisadres\w*|adres(sen)?|"
    r"leerlingnummer\w*|burgerservicenummer\w*|bsn|persoonsgegevens|privégegevens|"
    r"phone numbers?|mobile numbers?|e-?mail address(es)?|home address(es)?|address(es)?|"
    r"student numbers?|national id numbers?|personal (data|details))\b",
    re.IGNORECASE,
)

# What the protocol is about (0.1, 0.3, 1.0, 1.11): online media and apps, the
# devices and accounts they run on, and sharing, posting or contacting through
# them. A question that names none of these is outside it.
_ONLINE = re.compile(
    r"\b(online|internet\w*|sociale media|social media|web\w*|site\w*|link\w*|"
    r"apps?|\w+app|\w*apps|appen|appt|ge-?appt|whats\w*|insta\w*|facebook\w*|fb|tiktok\w*|"
    r"snap\w*|youtube\w*|linkedin\w*|twitter|x|tweet\w*|discord|telegram|teams|elo|"
    r"leeromgeving|magister|somtoday|parro|klasbord|social schools|e-?mail\w*|"
    r"chat\w*|dm\w*|bericht\w*|message\w*|post\w*|gepost|plaats\w*|upload\w*|"
    r"deel\w*|gedeeld|share\w*|sharing|stuur\w*|doorstu\w*|forward\w*|send\w*|sent|"
    r"foto\w*|photo\w*|video\w*|film\w*|beeld\w*|screenshot\w*|story|stories|"
    r"reactie\w*|comment\w*|like\w*|tag\w*|meme\w*|blog\w*|vlog\w*|publi\w*|"
    r"account\w*|profiel\w*|profile\w*|volg\w*|follow\w*|vriend\w*|friend\w*|"
    r"connect\w*|wachtwoord\w*|password\w*|inlog\w*|log(in|on)|\w*wifi|netwerk\w*|gcs?|ig|yt|"
    r"network\w*|download\w*|hack\w*|\w*(?<!kop)(?<!hoofd)telefoon\w*|phone\w*|mobiel\w*|smartphone\w*|"
    # Dutch compounds: "klassenfoto", "schoolwebsite", "groepsvideo".
    r"\w+(foto|video|film|website)\w*|"
    r"smartwatch\w*|laptop\w*|chromebook\w*|tablet\w*|i?pads?|computer\w*|pc|"
    r"stream\w*|gam(e|es|ing)|porn\w*|google\w*|airdrop\w*|\w+account\w*|"
    # Not "groep"/"group" alone: "groep 3" is a year of primary school.
    r"groeps\w+|\w+groep|groepchat\w*|group ?chats?|group messages?|"
    r"nummer\w*|numbers?|"
    # sites and networks in compounds ("beoordelingssite", "schoolnetwerk"),
    # consoles, games, dating apps and clouds by name
    r"(?!(oppo|compo|requi|exqui|para)site)\w+sites?|(?!zorg)\w+netwerk\w*|xbox|playstation|"
    r"ps[45]|"
    r"roblox|minecraft|fortnite|twitch|reddit|pinterest|bereal|tinder|bumble|grindr|"
    r"dating\w*|onedrive|sharepoint|dropbox|i?cloud)\b",
    re.IGNORECASE,
)

# Passing something on to, or raising it with, the people the protocol says to
# go to (1.5, 1.9: the teacher, mentor, principal; 2.5, 2.6: the line manager).
_RESPONSIBLE = (
    r"(mentor\w*|leidinggevende|zorgco\w*|afdelingsco\w*|jaarlaagco\w*|year co[öo]rdinator|"
    r"directeur|directie|schoolleiding|"
    r"teamleider|"
    r"afdelingsleider|vertrouwenspersoon|intern begeleider|ib-?er|leerkracht|"
    r"supervisor|line manager|principal|head ?teacher|head of \w+|counsel\w*|"
    r"safeguarding \w+|care coordinator|team leader|director)"
)
_REPORT = re.compile(
    # (present forms: a step told of as taken, "I reported it to my team leader",
    # "ik stuurde het naar de mentor", is no step asked about)
    r"\b(doorsturen|doorstuur|doorstuurt|stuur|stuurt|sturen|laten zien|melden|meld|"
    r"voorleggen|leg|leggen|bespreken|vertellen|tonen|forward|forwarding|send|sending|show|"
    r"showing|report|reporting|tell|telling|pass|passing|raise|raising)\b[^.?!]{0,40}\b(naar|aan|bij|met|to|with)\s+(de|het|mijn|onze|een|the|my|our|a)?"
    r"\s*(\w+\s+(en|and|of|or)\s+(de|het|the)?\s*)?" + _RESPONSIBLE + r"\b",
    re.IGNORECASE,
)

# Asking them for help or advice, or to talk it over (1.5: "dan vragen we daarvoor
# hulp aan onze leraar/mentor"): "mn mentor om hulp vragen", "ask my mentor for help".
_MINE = r"(mijn|mn|m['’]n|onze|de|het|haar|zijn|my|our|the|her|his|their)\s+"
_HELP = re.compile(
    r"\b" + _MINE + _RESPONSIBLE + r"\s+(om hulp|om raad|om advies|for help|for advice)\b"
    r"|\b(hulp|raad|advies)\s+(vragen|vraag\w*)\s+(aan|bij)\s+" + _MINE + _RESPONSIBLE + r"\b"
    r"|\b(ask|asking)\s+" + _MINE + _RESPONSIBLE + r"\s+(for help|for advice|about (it|this))\b"
    # Going to them with it: "go to our year coordinator about it", "naar de mentor stappen".
    r"|\b(go|going)\s+to\s+" + _MINE + r"(\w+\s+)?" + _RESPONSIBLE + r"\s+(about|with)\s+"
    r"(it|this|that)\b"
    r"|\bnaar\s+" + _MINE + _RESPONSIBLE + r"\s+(\w+\s+){0,2}(gaan|stappen|lopen)\b"
    # Talking it over, not talking as such ("praten op Instagram" is 1.12's).
    r"|\b(talk|speak)\w*\s+(to|with)\s+" + _MINE + _RESPONSIBLE + r"\s+about (it|this|that)\b"
    r"|\bmet\s+" + _MINE + _RESPONSIBLE + r"\s+over\s+(praten|spreken)\b"
    r"|\berover\s+(\w+\s+){0,2}(praten|spreken)\s+met\s+" + _MINE + _RESPONSIBLE + r"\b"
    # Dutch puts the verb last: "dat tegen mijn mentor zeggen", "aan de directeur melden".
    r"|\b(aan|tegen|bij|naar)\s+" + _MINE + _RESPONSIBLE + r"\s+(\w+\s+){0,2}"
    r"(vertellen|vertel|zeggen|zeg|melden|meld|laten zien|laten weten|doorsturen|sturen|"
    r"tonen|voorleggen|uitleggen|neerleggen|neerleg|aankaarten|aankaart)\b"
    # Telling them, with the person as the object: "tell our mentor", "inform my
    # team leader", "mijn mentor inlichten" (not messaging them: "message my mentor
    # on Instagram" is 1.12's contact).
    r"|\b(tell|telling|show|showing|inform|informing|notify|notifying|alert|alerting|warn|"
    r"warning)\s+" + _MINE + r"(\w+\s+)?" + _RESPONSIBLE + r"\b"
    # ...in Dutch the person is the object right before the verb, a word like
    # "meteen" between at most ("de teamleider meteen bellen"; not "mijn
    # teamleider wil me bellen", who is the one calling).
    r"|\b" + _MINE + _RESPONSIBLE + r"\s+((even|meteen|direct|gelijk|vandaag|nu|morgen|eerst|"
    r"ook|zelf|te)\s+){0,2}(inlichten|informeren|waarschuwen|op de hoogte (brengen|stellen)|"
    r"bellen|opbellen|mailen|e-mailen)\b"
    # Calling them ("call my team leader today"), not a call they made.
    r"|(?<!the )(?<!a )\b(call|calling|phone|phoning|ring|ringing)\s+"
    + _MINE
    + r"(\w+\s+)?"
    + _RESPONSIBLE
    + r"\b",
    re.IGNORECASE,
)
# Putting the step off: leave to wait is not the step the protocol asks for now
# (2.5: "direct contact op te nemen").
_NOT_WAITING = re.compile(
    r"\b(rather than|instead of|in plaats van|niet|not|don'?t|no need to|hoef ik niet)"
    r"(\s+te)?\s*$",
    re.IGNORECASE,
)
_DEFER = re.compile(
    r"\b(wachten|wacht)\s+(\w+\s+){0,3}(met|tot|totdat|en)\b|\bwait\w*\s+(\w+\s+){0,3}"
    r"(until|till|before|with|and)\b|\bhold off\b|\buitstel\w*|\bpostpon\w*|\bdelay\w*"
    # Only later, or kept secret meanwhile ("pas na de vakantie", "only if she gets
    # worse", "het eerst geheim houden").
    r"|\bpas\s+(maandag|morgen|na|volgende|later|als|over)\b|\bafter the holidays\b"
    r"|\bna de vakantie\b|\bonly if\b|\bin a few days\b|\bover een paar dagen\b"
    r"|\bnext week\b|\bvolgende week\b|\b(in|over) (\w+ )?(weeks?|weken|maanden|months)\b"
    r"|\bwhen we( are|'re) back\b|\bals we (weer )?terug zijn\b|\bna het weekend\b"
    r"|\bafter the weekend\b|\bna de toetsweek\b|\bbij het volgende\b|\bat (our|the) next\b"
    r"|\bin (september|oktober|october|november|december|januari|january)\b"
    r"|\bgeheim\s+houden\b|\bkeep\s+(it|this|that|her|his|their|the)\s+(\w+\s+)?secret\b",
    re.IGNORECASE,
)
# A step of telling denied ("het geheim houden en niet aan onze mentor vertellen"),
# and others told beside the mentor ("naar mijn mentor en naar alle ouders"): no
# passing it on to the people the protocol names.
_DENIED_STEP = re.compile(
    r"\b(niet|not|never|nooit|zonder|without|don'?t|do not)\s+(\S+\s+){0,2}$", re.IGNORECASE
)
_ELSEWHERE = re.compile(
    r"\b(naar|aan|to|with|met|en|and)\s+(\w+\s+){0,2}(vrienden|vriendinnen|friends|ouders|"
    r"parents|klasgeno\w*|classmates|iedereen|everyone|everybody|anderen|others|insta\w*|"
    r"facebook|tiktok|snap\w*|whatsapp|social media|sociale media|story|stories|"
    r"groepsapp\w*|klassenapp\w*|klassengroep\w*|klassenchat\w*|class group\w*|group ?chats?)\b",
    re.IGNORECASE,
)
# (not the dot inside a clause's number: "3.1 and 3.2")
_SENTENCE_END = re.compile(r"(?<!\d)\.|\.(?!\d)|[?!\n]")

# Another act online, asked about beside the step ("can I accept the request and
# report it to my line manager?", "mag ik hem terug bedreigen en het daarna bij mn
# mentor neerleggen?"): the step is then not what is asked. Present forms only (what
# someone did, "posted", "reageerde", is what is told of), and not the noun ("the
# post", "het antwoord").
_ACT_VERBS = (
    r"(accept|add|post|share|upload|follow|friend|reply|respond|react|dm|threaten|comment|"
    r"repost|retweet|tag|expose|forward|send|(message|text)(?!\s+" + _MINE + _RESPONSIBLE + r")|"
    r"call|meet|hack|"
    r"log ?in(to)?|ignore|confront|delete|do (it|that|this)|(make|create) (\w+ )?fake|"
    r"accepteren|accepteer|toevoegen|toe te voegen|posten|delen|plaatsen|zetten|volgen|"
    r"terugvolgen|reageren|reageer|antwoorden|terugschrijven|terug te schrijven|terugsturen|"
    r"bedreigen|bedreig|terugappen|appen|taggen|doorsturen|sturen|versturen|afspreken|"
    r"hacken|inloggen|negeren|aanspreken|chatten|videobellen|nadoen|verwijderen|"
    r"nepaccount (\w+ )?(aan)?maken|"
    r"(dat|het|dit) doen|"
    # (what the asker says they do: "ik stuur de leerling een DM", "ik zet het online")
    r"(?<=\bik )(stuur|zet|deel|reageer|antwoord|volg|accepteer|bedreig|post)|"
    r"(?<=\ben )(stuur|zet|deel|reageer|antwoord|volg|accepteer|bedreig|post))"
)
_OTHER_ACT = re.compile(
    r"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bthis )(?<!\bthat )(?<!\bhis )(?<!\bher )"
    r"(?<!\bmy )(?<!\bde )(?<!\been )(?<!\bdeze )(?<!\bmijn )"
    r"\b" + _ACT_VERBS + r"\b",
    re.IGNORECASE,
)
# ...and for approval of a plan, an act of one's own already done in it ("ik heb op
# zijn story gereageerd dat hij een klap krijgt en wil nu de teamleider bellen. Is
# dat goed?"): the approval is asked of that too. Not one denied ("niet gereageerd").
_DONE_ACT = re.compile(
    r"\b(gereageerd|gepost|gedeeld|geplaatst|gezet|geaccepteerd|gevolgd|toegevoegd|"
    r"teruggeschreven|geantwoord|teruggestuurd|bedreigd|replied|posted|shared|accepted|"
    r"responded|threatened|commented|followed|added|reposted|messaged)\b",
    re.IGNORECASE,
)
_NOT_DONE = re.compile(
    r"\b(niet|niks|niets|not|never|nooit|nothing|haven'?t|didn'?t|hasn'?t|don'?t|won'?t|"
    # ...nor one put after the step ("before I respond", "voordat ik reageer").
    r"before|voordat|until|totdat|without|zonder)\s+(\S+\s+){0,3}$",
    re.IGNORECASE,
)
# An alternative the asker weighs ("…, or should I just answer him?", "of moet ik
# haar eerst zelf antwoorden?"): asked which to do, not leave for both.
_ALTERNATIVE = re.compile(
    r"\b(or|of)\s+((should|must|do|moet|zal)\s+(i|ik)|(is|would|will|wordt|was)\s+(that|this|it|"
    r"dat|dit|het))\b",
    re.IGNORECASE,
)
# The asker's own act ("ik heb … gereageerd", "I've replied"), not someone else's.
# (not the "ik" of "mag ik", who asks leave)
_I_DID = re.compile(
    r"(?<!\bmag )(?<!\bkan )(?<!\bcan )(?<!\bmay )(?<!\bcould )"
    r"\b(ik heb|heb ik|ik|i'?ve|i have|i)\b",
    re.IGNORECASE,
)


# How far before an act or a step a denial stands ("niet", "I didn't").
_WINDOW = 60
# At most this many words of what is passed on between the leave and the step
# (and characters, with keeping it on the way: "screenshot it from her phone and").
_STEP_WORDS = 6
_STEP_CHARS = 160


def _first_act(words: str, pos: int = 0, *, outside: Iterable[tuple[int, int]] = ()) -> int:
    """Where the first act online of the asker's the words name starts, from
    ``pos`` and not within the spans ``outside`` (a step's own words), not one
    denied ("ik reageer niet", "niet reageren", "I won't reply"); -1 when there
    is none."""
    spans = list(outside)
    for act in _OTHER_ACT.finditer(words, pos):
        if any(start <= act.start() < end for start, end in spans):
            continue
        if _OTHER_DOER.search(words, max(0, act.start() - 40), act.start()):
            # ("dat hij dreigt mijn foto's te delen", "that he threatened to share")
            continue
        if _ASKED_HOW.search(words, max(0, act.start() - 40), act.start()):
            # (what the one told is asked: "and ask how I should reply", "en
            # vragen hoe ik moet reageren")
            continue
        if _NOT_DONE.search(words, max(0, act.start() - _WINDOW), act.start()):
            continue
        if re.match(r"\s+(niet|not)\b", words[act.end() : act.end() + 8], re.IGNORECASE):
            continue
        return act.start()
    return -1


_ASKED_HOW = re.compile(
    r"\b(ask|asking|vragen|vraag)\b(\s+\S+){0,2}\s+(how|hoe|what|wat|whether|of)\b(\s+\S+){0,4}\s*$",
    re.IGNORECASE,
)
_OTHER_DOER = re.compile(
    r"\b(he|she|they|someone|somebody|hij|zij|iemand)\b(\s+\S+){0,5}\s*$", re.IGNORECASE
)
_SOMEONE_ELSE = re.compile(
    r"\b(he|she|they|someone|somebody|who|which|that|hij|zij|ze|iemand|die|dat|wat)\b",
    re.IGNORECASE,
)


def _first_done(words: str) -> int:
    """Where the words first tell of an act online the asker did themselves, not
    denied ("ik heb op zijn story gereageerd…", not "ik heb niet gereageerd");
    -1 when they tell of none."""
    for done in _DONE_ACT.finditer(words):
        window = max(0, done.start() - _WINDOW)
        did = max(
            _I_DID.finditer(words, window, done.start()), key=lambda m: m.start(), default=None
        )
        if (
            did is not None
            # (not another who did it: "the photos he shared", "dat hij heeft gedeeld")
            and not _SOMEONE_ELSE.search(words, did.end(), done.start())
            and not _NOT_DONE.search(words, window, done.start())
        ):
            return done.start()
    return -1


def _step_spans(sentence: str) -> list[tuple[int, int]]:
    """Where the sentence's words of a step of telling stand (no other act of
    their own), unless others are told too."""
    if _ELSEWHERE.search(sentence):
        return []
    return [m.span() for pattern in (_REPORT, _HELP) for m in pattern.finditer(sentence)]


def asks_other_act(text: str) -> bool:
    """Asks leave for an act online, for oneself or one's child ("mag ik hem terug
    bedreigen…", "can I post the email…", "mag ze met hem afspreken…"), or
    approval of a plan with one ("Ik ga de foto's op mijn eigen Instagram zetten
    en mijn teamleider mailen. Is dat goed?"): the question is about that act,
    not about a step of telling beside it (whose own words, "forward it to my
    mentor", are no other act)."""
    sentences = _sentences(text)
    for index, (start, end) in enumerate(sentences):
        sentence = text[start:end]
        leave = _LEAVE.search(sentence) or _LEAVE_FOR_ANOTHER.search(sentence)
        if leave is None:
            continue
        steps = _step_spans(sentence)
        weighed = _ALTERNATIVE.search(sentence, leave.end())
        asked = sentence[: weighed.start()] if weighed else sentence
        if _first_act(asked, leave.end(), outside=steps) >= 0:
            return True
        if any(_more_than_the_step(sentence, end) for _, end in steps):
            return True
        if any(
            leave.start() < begin and _beyond_the_step(sentence, leave.end(), begin)
            for begin, _ in steps
        ):
            # ("can I do the call and tell my mentor tomorrow?")
            return True
        plan = text[slice(*sentences[index - 1])] if index > 0 else ""
        if _APPROVED.match(sentence.strip()) and (
            _first_act(plan, outside=_step_spans(plan)) >= 0 or _first_done(plan) >= 0
        ):
            return True
    return False


# ...or asked after it: "…tell my mentor and then post it".
_AND_ACT = re.compile(
    r"\b(and|en|then|daarna|dan|after that)\b"
    # (not "and ask how I should reply": asked of the one told)
    r"(\s+(?!(ask|asking|vragen|vraag|how|hoe|what|wat|whether)\b)\S+){0,4}?\s+"
    + _ACT_VERBS
    + r"\b",
    re.IGNORECASE,
)
# ...or any other doing joined to the step ("…tell my mentor and still video chat
# with him tonight", "mijn teamleider inlichten en de ouder een bericht schrijven"),
# unless it is asking the one told ("and ask how to handle it", "en vragen hoe ik
# moet reageren") or keeping what is passed on ("and keep the screenshots").
_AND_MORE = re.compile(
    r"[,]?\s+(and|en)\s+(?!(then\s+|daarna\s+|dan\s+)?(ask|asking|vragen|vraag|haar vragen|"
    r"hem vragen|om (hulp|raad|advies)|for (help|advice)|keep|bewaar|save|hoor|hear|see what|"
    r"kijken wat|zien wat|het hem|het haar)\b)(\S+\s*){2,}",
    re.IGNORECASE,
)
_TO_RESPONSIBLE = re.compile(r"\b" + _RESPONSIBLE + r"\b", re.IGNORECASE)


def _more_than_the_step(sentence: str, end: int) -> bool:
    """After a step of telling ending at ``end``, another doing joined to it
    (``_AND_MORE``), not a second step of telling ("…en aan de directeur laten
    zien")."""
    more = _AND_MORE.match(sentence, end)
    return more is not None and not _TO_RESPONSIBLE.search(more.group(0))


# Leave asked for the step itself: between the leave and the step only the words
# of what is passed on ("mag ik het toch", "May I show the messages"), no second
# act or condition ("can I send him some and tell…", "if I tell my mentor first");
# and after it nothing put off or done next ("…tell my mentor afterwards").
_NOT_ONLY_THE_STEP = re.compile(
    # (not "eerst", "dan": "mag ik het eerst ff aan mn leidinggevende voorleggen?",
    # "als een ouder ruzie zoekt, mag ik die berichten dan doorsturen…?")
    r"\b(and|en|or|of|if|als|daarna|but|maar|after|na|before|voordat|wait\w*|wacht\w*)\b",
    re.IGNORECASE,
)
# Keeping what is passed on, on the way to the step ("screenshot it and send it…"),
# or ceasing to answer ("stop replying and call my team leader").
_KEEPING = re.compile(
    r"^\s*(\w+\s+){0,2}?(screenshot\w*|take a screenshot( of)?|make a screenshot( of)?|save|"
    r"copy|een screenshot (van \w+ )?maken|screenshotten|opslaan|bewaren|kopi\w+|"
    # ...or no longer going along with it ("stop replying and call my team leader")
    r"stop (replying|responding|answering|reacting)|stoppen met (reageren|antwoorden)|"
    r"niet (meer )?(reageren|antwoorden))"
    r"(\s+[^\s.?!]+){0,4}?\s+(and|en)\b",
    re.IGNORECASE,
)


def _beyond_the_step(sentence: str, leave_end: int, step_start: int) -> bool:
    """The leave ending at ``leave_end`` covers more than the step starting at
    ``step_start`` (``_only_the_step``); a long stretch between is never read
    again, it is more than the step."""
    return step_start - leave_end > _STEP_CHARS or not _only_the_step(
        sentence[leave_end:step_start]
    )


def _only_the_step(between: str) -> bool:
    """Between the leave and the step only the words of what is passed on, and
    at most keeping it on the way ("screenshot it and …"): no second act or
    condition."""
    between = _KEEPING.sub(" ", between)
    return not _NOT_ONLY_THE_STEP.search(between) and len(between.split()) <= _STEP_WORDS


# The asker's plan, in so many words and nothing more ("I'd like to", "ik wil").
_WISH = re.compile(
    r"^\s*(i'?d like to|i would like to|i want to|i'?ll|i will|i'?m going to|ik wil( graag)?|"
    r"ik ga|ik zou graag|ik denk erover)\s+([^\s.?!,]+\s+){0,4}?$",
    re.IGNORECASE,
)
_PUT_OFF = re.compile(
    r"\b(afterwards|achteraf|later|tomorrow|morgen|maandag|monday|next|volgende|pas|"
    r"only if|alleen als|after|na de|then|daarna|dan)\b",
    re.IGNORECASE,
)

# Asking leave ("mag ik…", "may I…"), not whether one must ("moet ik…", "should I…"):
# the words both patterns below start from.
_MAY_I = r"(mag|kan) ik|(can|may|could) i|" + _IS_IT_OK + r"|is het (goed|ok|oké|oke) als ik"
# Approval asked for a step just told ("…this afternoon. Is that the right thing
# to do?", "Is dat de goede aanpak?", "Doe ik daar goed aan?").
_APPROVAL = (
    r"is (that|this) (ok|okay|fine|alright|all right|sensible|wise|the right thing( to do)?|"
    r"the right (way|approach|step|move|call)|a good (idea|step|approach|way|plan))"
    r"|is dat (goed|ok|oké|oke|verstandig|wijs|slim|"
    r"(de|een) (juiste|goede) (stap|aanpak|weg|manier|keuze|reactie))"
    r"|doe ik (daar|dat|hier|er) goed aan"
)
_LEAVE = re.compile(
    r"\b(" + _MAY_I + r"|durf ik|am i allowed|" + _APPROVAL + r")\b",
    re.IGNORECASE,
)
_APPROVED = re.compile(r"\b(" + _APPROVAL + r")\b", re.IGNORECASE)
# Leave asked for one's child or another ("mag ze…", "can my son…").
_LEAVE_FOR_ANOTHER = re.compile(
    r"\b(mag|kan|mogen|kunnen)\s+(ze|hij|zij|(mijn|mn|m'n)\s+\w+)\b"
    r"|\b(can|may|could)\s+(she|he|they|my\s+\w+)\b",
    re.IGNORECASE,
)

# Leave to decline, ignore or block something, or not to answer it: the verb
# within a few words of the leave asked ("mag ik dat verzoek gewoon negeren",
# "can I just ignore the email"). Refusing only when what is refused is handing
# something over or accepting it ("weigeren het te geven", "refuse to share it").
_ASK_LEAVE = r"\b(" + _MAY_I + r"|am i allowed to)\s+"
_ASK_LEAVE_RE = re.compile(_ASK_LEAVE, re.IGNORECASE)
_I_AM_PUPIL = re.compile(
    r"\b(ik ben|i'?m|i am)\s+(een\s+|a\s+)?(leerling|pupil|student|scholier)\b"
    r"|\bik (doe|volg) de opleiding\b(?!\s+(tot|voor)\s+(leraar|docent|leerkracht|onderwijs))"
    r"|\bik zit (op|in) (het |de )?(mbo|havo|vwo|vmbo|brugklas)\b(?![-\w])"
    r"|\b(i'?m|i am) in (year|grade) \d+\b(?!\s+of\b)"
    r"|\b(als|as a)\s+(leerling|pupil|student|scholier)\b",
    re.IGNORECASE,
)
# Someone blocked, not an app or a site ("tiktok blokkeren op het netwerk" is 1.11's).
_SOMEONE = (
    r"(hem|haar|hen|ze|diegene|die (\w+ )?(jongen|meid|man|vrouw|vader|moeder|ouder|leerling)\w*"
    r"|een (leerling|ouder|vader|moeder|jongen|meisje|oud-leerling)\w*"
    r"|dat (account|nummer)|him|her|them|this (account|number|user|person)|"
    r"(the|a|that) (pupil|student|parent|account|number|user|boy|girl|man|dad|mum|mom)\w*)"
)
_DECLINE = re.compile(
    _ASK_LEAVE + r"(?:[^\s.?!,]+\s+){0,4}?"
    r"(negeren|afwijzen|wegklikken|niet (accepteren|aannemen|beantwoorden)"
    r"|ignore|decline|reject|turn (it|him|her|them) down"
    r"|not (accept|answer|respond|reply))\b"
    r"(?!\s+(te|om|to|the deletion|het verwijderen|mee te)\b)"
    r"|" + _ASK_LEAVE + r"(?:[^\s.?!,]+\s+){0,2}?" + _SOMEONE + r"\s+(?:[^\s.?!,]+\s+){0,2}?"
    r"blokkeren\b"
    r"|" + _ASK_LEAVE + r"(?:just\s+)?block\s+" + _SOMEONE + r"\b"
    # Refusing, asked as leave: "mag ik weigeren het te geven", not a parent who
    # refused consent.
    r"|" + _ASK_LEAVE + r"(?:\w+\s+){0,2}?(weiger\w*|refus\w*)\s+(?:\w+\s+){0,3}?"
    r"(te (geven|delen|accepteren|sturen)|door te geven|to (give|share|accept|send|hand))\b",
    re.IGNORECASE,
)
# ...or an intention to leave it unanswered, told, and approval asked for it after
# ("Ik wil de reactie gewoon laten staan en hem morgen bellen. Is dat goed?").
_INTEND_DECLINE = re.compile(
    r"\b(i'?d like to|i would like to|i want to|i plan to|i'?m going to|i'?ll|ik wil|"
    r"ik zou (graag|liever)|ik ben van plan( om)?|ik ga)\s+(just\s+|gewoon\s+|liever\s+)?"
    r"(leave (it|this|that|them|him|her|the (comment|post|message|reaction|reply)s?) alone"
    r"|ignore (it|this|that|him|her|them|(the|his|her|their|this|that) (friend )?(comment|message|"
    r"post|request|reaction|reply|remark)s?)"
    r"|not (respond|reply|react|answer)|niet (reageren|antwoorden|in ?gaan|op in ?gaan)"
    r"|(het|dit|dat|de reactie|het bericht|de opmerking|de berichten) (laten staan|negeren))\b",
    re.IGNORECASE,
)
# ...and nothing else done in that sentence ("…and reply with my side of the story").
_ANOTHER_REPLY = re.compile(
    r"\b(reply|replies|respond|answer|react|reageer\w*|reageren|antwoord\w*|chat\w*|stuur\w*|"
    r"sturen|send|give|geef|geven|accept\w*|post\w*|shar\w*|delen|deel|plaats\w*|zet\w*|"
    r"explain|uitleg\w*|uitleggen)\b",
    re.IGNORECASE,
)
# Answering back, in so many words (``_TAKE_IT_OFFLINE``, ``_REPLY``).
_ANSWER_BACK = r"reply|answer|respond|antwoord\w*|terug\s*(?:schrijven|sturen|appen|mailen)"
# Words that argue or explain: "reply and explain the grade, then invite him to a
# meeting" is the discussion.
_ARGUED = (
    r"explain|uitle\w*|argu\w*|discuss\w*|defend\w*|verdedig\w*|then|daarna|eerst|"
    r"first|justify|rechtvaardig\w*"
)
# ...and words that tell a matter: "tell him his son is suspended and to call the
# school" tells one.
_MATTER_TOLD = (
    r"suspen\w*|schors\w*|geschorst|caught|betrapt|steal\w*|stole\w*|stal|gestolen|started|"
    r"begonnen|fight\w*|vecht\w*|straf\w*|punish\w*|detention|cijfer\w*|grade\w*|mark"
)
# A talk in person proposed.
_TO_A_TALK = r"come (?:and|to) see me|(?:een )?(?:gesprek|afspraak)\b|in person"


def _none_of(words: str, reach: int) -> str:
    """Up to ``reach`` characters of one sentence, none of ``words`` starting there."""
    return rf"(?:(?!\b(?:{words})\b)[^.?!]){{0,{reach}}}?"


# Leave to answer only by asking them to talk it over in person ("can I just
# reply 'come and see me tomorrow at break'?", "mag ik in Parro antwoorden met
# alleen een voorstel om een gesprek te plannen?"): not going into the
# discussion online (2.5), as declining it is. Nothing argued or explained on
# the way.
_TAKE_IT_OFFLINE = re.compile(
    _ASK_LEAVE + r"(?:[^\s.?!,]+\s+){0,6}?"
    rf"(?:{_ANSWER_BACK}|reageren|zeggen|say)\b" + _none_of(_ARGUED, 60) + rf"\b(?:{_TO_A_TALK}|"
    r"kom(t|en)? (\w+\s+){0,3}langs|langs (te )?komen|face[- ]to[- ]face|"
    r"op school (te )?(bespreken|praten)|bespreek\w* op school|meeting|"
    r"talk (it |this )?(over |through )?(at school|in person|tomorrow)|"
    r"go through it (at school|tomorrow|together)|we'?ll go through it|"
    r"(bij|naar) mij (\w+\s+)?komen)"
    # ...or only a line back that sends them to the school or a talk, nearly at once
    # ("tell him to call the school", "send one line back saying we'll discuss it in
    # class"), with no matter told on the way.
    r"|" + _ASK_LEAVE + r"(?:[^\s.?!,]+\s+){0,6}?"
    rf"(?:{_ANSWER_BACK}|send (\w+\s+){{0,3}}?back|text (\w+\s+)?back|write back|"
    r"tell (him|her|them))\b" + _none_of(f"{_ARGUED}|{_MATTER_TOLD}", 40) + rf"\b(?:{_TO_A_TALK}|"
    r"so we can talk|in gesprek|discuss (it|this|that|these things) "
    r"(in class|at school|in person)|bel(t|len)? (de |naar )?school|call the school)\b",
    re.IGNORECASE,
)
# ...or by giving only a time or a date that was asked for ("a parent asked what
# time the bus leaves. Can I just answer that there?", "ik wil alleen de datum
# geven"): information, no discussion about school matters (2.5).
_PRACTICAL_ASKED = re.compile(
    r"\b(what time|hoe laat)\b"
    # (a plain question put to the asker: "vraagt via Parro of Finn morgen zijn
    # gymspullen mee moet nemen", "asking whether his daughter needs a hockey stick")
    r"|\b(vraagt|vroeg|wil weten|asks|asked|asking|wants to know|wanted to know)\s+"
    r"(?:[^\s.?!,]+\s+){0,5}?(wanneer|when)\b(?!\s+(ik|i|me|mij|je|you)\b)"
    # (whether something goes ahead or is needed: not whether someone is suspended,
    # ill or to blame, which is the discussion or someone's personal matter)
    r"|\b(vraagt|vroeg)\s+(?:[^\s.?!,]+\s+){0,5}?of\s+(?!(ik|me|mij|je)\b)[^.?!]{0,50}\b"
    r"(doorgaat|door gaat|mee\s+(moet|moeten|hoeft|hoeven|nemen)|meenemen|"
    r"nodig (is|zijn|heeft|hebben)|begint|vertrekt)\b"
    r"|\b(asks|asked|asking)\s+(?:[^\s.?!,]+\s+){0,5}?(whether|if)\s+(?!(i|me|you)\b)"
    r"[^.?!]{0,50}\b(goes ahead|is still on|bring|needs?\s+(her|his|their|a|an)\b|"
    r"starts?|leaves)\b"
    r"|\b(alleen|only|just)\s+(de|het|the)\s+(datum|tijd|tijdstip|date|time)\b"
    r"|\bwith the (time|date)\b",
    re.IGNORECASE,
)
# Hostility, or a ruling argued in the reply itself: no brief answer then (2.5:
# "Als online communicatie dreigt te ontsporen … direct contact … leidinggevende").
_HOSTILE = re.compile(
    r"\b(scheld\w*|uitgescholden|uitschel\w*|terrible|schande|incompetent\w*|dreig\w*|threat\w*|"
    r"picking on|pick on|beledig\w*|insult\w*|boos|angry|furious|woedend|publicly|openbaar|"
    r"disgrace\w*|racis\w*|nazi|idio\w*|stupid|loser|kut\w*|schandalig)\b",
    re.IGNORECASE,
)
_ARGUED_IN_REPLY = re.compile(
    r"\b(also|ook|and that|en dat|that the (decision|grade|mark)|dat het (besluit|cijfer)|"
    r"stands|blijft staan|fair|eerlijk|terecht|explain\w*|uitle\w*|daarna|verder|chatten|chat|"
    r"then|continue\w*|en zeggen|and say|and tell|en vertellen|the reason|de reden|waarom|why|"
    r"omdat|because|klopt|stand by|earned|verdiend|deserved)\b",
    re.IGNORECASE,
)
_REPLY = re.compile(
    rf"\b({_ANSWER_BACK}|reageren|geven|give|ja zeggen|say yes)\b",
    re.IGNORECASE,
)
# A matter argued over: a grade, a complaint, a punishment, an advice, anger.
_DISPUTE = re.compile(
    r"\b(cijfer\w*|grade\w*|mark(s|ed)?|klacht\w*|klaag\w*|complain\w*|oneerlijk|unfair|"
    r"straf\w*|punish\w*|detention|schooladvies|advies|boos|angry|furious|woedend|kritiek|"
    r"critic\w*|ruzie|argu\w*|discuss\w*|discussie|scold\w*|uitgescholden|insult\w*|"
    r"onterecht|unjust\w*|beoordeel\w*|onvoldoende|fail\w*|niet eens|disagree\w*|aanpak|"
    r"decision|besluit|beslissing|herkansing|retake|picking on|pick on|waarom|why|reason|reden|"
    r"excluded|uitgesloten|niet mee|misdra\w*|misbehav\w*|waste|verspilling|zonde|onzin|nonsense|"
    r"ridiculous|belachelijk|schors\w*|suspen\w*|disciplin\w*|klopt|stand by|earned|verdiend)\b",
    re.IGNORECASE,
)
# An account set public, and what it shows of its owner (1.3: "zorg dat de
# instellingen goed staan en je niet meer informatie deelt dan je wilt").
_ACCOUNT_OPEN = re.compile(
    r"\b(account|insta\w*|tiktok|profiel|profile|snapchat|snap)\b[^.?!]{0,40}"
    r"\b(openbaar|public|staat open|op privé|private)\b"
    r"(?!\s+(account|profiel|profile|x|insta\w*)\b)"
    r"|\b(openbaar|public)\s+(\w+[- ])?(account|insta\w*|tiktok|profiel|profile)\b",
    re.IGNORECASE,
)
# Set to private: keeping to 1.3, not a matter it turns on.
_TO_PRIVATE = re.compile(
    r"\b(op|naar|to|on)\s+(privé|private)\b|\bprivé\s+(zetten|maken)\b|\bmake it private\b",
    re.IGNORECASE,
)
# Not knowing how to set an account's settings ("weet niet hoe ik mn account op
# privé zet", "how do I make my account private?"): what 1.3 asks ("zorg dat je
# weet hoe de sociale media werken …, zorg dat de instellingen goed staan"),
# not yet done.
_SETTINGS_HELP = re.compile(
    r"\b(weet (ik )?niet hoe|hoe (zet|moet|kan|maak) ik|how (do|can|should) i|"
    r"(don'?t|do not) know how( to)?)\b[^.?!]{0,40}"
    r"\b(op privé|privé (zetten|maken|zet)|private|instellingen|settings)\b",
    re.IGNORECASE,
)
_SHOWS_WHO = re.compile(
    r"\b(school|woonplaats|straat|straatnaam|adres|volledige naam|achternaam|klas|city|town|"
    r"street|address|full name|surname|class|locatie|location|snap ?map)\b",
    re.IGNORECASE,
)
# ...and no other act asked beside it (an opinion, someone else's photos).
_OTHER_PUBLICATION = re.compile(
    r"\b(mening|opinion|standpunt|\w*foto'?s?|\w*photos?|\w*video'?s?|filmpje\w*|screenshots?|"
    r"artikel\w*|articles?|post(ed|s|ing)?|gezet|geplaatst|plaatst|shared|gedeeld|deelt|rant|"
    r"volg\w*|follow\w*|vriend\w*|friend\w*|open (dag|day)|toevoeg\w*|toe te voegen|add\w*|"
    r"accept\w*|chat\w*|contact\w*|zetten|zet|laten zien|find me|vinden|pics?|"
    # (someone else reaching the asker: "a stranger keeps messaging me")
    r"stranger\w*|vreemde\w*|messag\w*|bericht\w*|dm\w*)\b"
    # (someone else's details: "het adres van een leerling", "my classmate's phone number")
    r"|\b(adres|telefoonnummer|nummer|naam)\s+van\s+(een|mijn|de|het)\b|"
    r"\b(klasgeno\w*|classmate\w*)\b|\b\w+'s\s+(address|phone number|number|full name)\b",
    re.IGNORECASE,
)
# Bullying, exclusion, mockery, or someone's posts passed around by others.
_OTHERS_HURT = re.compile(
    r"\b(pest\w*|gepest|buitengesloten|buitensluit\w*|uitgelachen|uitlachen|aandachtszoeker\w*|"
    r"uitgescholden|scheld\w*|bully\w*|bullied|mock(ed|ing|s)?|excluded|left out|laughed at|"
    r"attention[- ]seeker|doorgestuurd|doorgestuurd\w*|doorsturen|forwarded|forwarding|spread\w*|"
    r"verspreid\w*|meme\w*|grap\w*|jokes?|joking|roddel\w*|gossip\w*|gescreenshot|"
    r"lachende|laughing|rondgaan|rondgestuurd|going around|deelde|"
    r"shared (it|them|this|that))\b"
    r"|\b(in|op|naar|to|on)\s+(de|onze|een|the|our|a)\s+(\w+\s+)?(groepsapp|klassenapp|"
    r"groepschat|group ?chat|class group|story|roddelaccount)\b"
    r"|\bscreenshots?\b[^.?!]{0,40}\b(gedeeld|rondgestuurd|doorgestuurd|rond|shared|passed around|"
    r"going around)\b",
    re.IGNORECASE,
)
# A measure over devices, the network or accounts, which the protocol does not
# rule (it rules what pupils and staff do online, not the school's discipline):
# confiscating a phone, blocking an app on the wifi, monitoring, searching a phone.
# (taking in a device: "ingenomen" is also a position taken, "standpunt ingenomen")
_CONFISCATE = re.compile(
    r"\b(innemen|ingenomen|inneemt|innam|afpakken|afgepakt|in beslag\w*|confiscat\w*)\b",
    re.IGNORECASE,
)
_DEVICE = re.compile(
    r"\b(telefoons?|mobiel(tje)?s?|phones?|mobiles?|gsm|laptops?|chromebooks?|ipads?|tablets?)\b",
    re.IGNORECASE,
)
_SCHOOL_MEASURE = re.compile(
    # (a phone taken in, told of: "I took his phone"; not "may she take her phone")
    r"\b(took|taken)\s+(away\s+)?(his|her|their|pupils'?|students'?)\s+(\w+\s+)?"
    r"(phones?|mobiles?|devices?)\b(?!\s+(out|with|on|to)\b)"
    r"|\b(take|took|taking|takes|taken)\s+(the|a|his|her|their)\s+(phones?|mobiles?)\s+(away|off)\b"
    # (blocking as what is done, not "the TikTok block" a pupil gets around)
    r"|(\b(blokkeren|blokkeer\w*)|\b(to|can|may|might|should|could|we|i|will)\s+(just\s+)?"
    r"(block|blocking))\b[^.?!]{0,40}\b(op|on)\s+(de|het|the|ons|our)?\s*"
    r"(\w+[\s-]*)?(wifi|wi-fi|netwerk|network)\w*"
    # (monitoring as what is done, not "a glucose monitor"; reading along in a
    # chat, not a line manager asked "om mee te lezen" with a draft)
    r"|\bmonitor(en|t|ing|ed)\b|\b(to|can|may|should|will|we|i|they)\s+monitor\b"
    r"|\b(bewakings\w*|volgsoftware)\b|\b(meelezen|mee te lezen)\s+(in|met)\b"
    # (not the Dutch break or exam duty: "terwijl mevrouw De Wit surveillance had")
    r"|(?<!\bhad )(?<!\bheb )(?<!\bmijn )(?<!\bheeft )(?<!\bhebben )"
    r"\bsurveillance\b(?!\s+(had|heeft|hebben|hadden|houdt|houden|hield|doe|doet|doen|deed|"
    r"liep|loopt|lopen|liepen))"
    r"|\b(telefoon|mobiel|phone)\w*\s+(\w+\s+){0,4}(laten\s+)?ontgrendel\w*"
    r"|\bunlock\w*\s+(his|her|their)\s+(phone|mobile)\b"
    r"|\b(telefoon|mobiel|phone|tas|kluisje|chromebook|laptop|\w*mail\w*|chats?|berichten|"
    r"galerij|fotorol|filmrol)\w*\s+"
    r"(\w+\s+){0,4}(laten\s+)?doorzoek\w*|"
    r"\bdoorzoek\w*\s+(\w+\s+){0,3}(telefoon|mobiel|tas|kluisje|chromebook|laptop|\w*mail\w*|"
    r"chats?|berichten)\w*|"
    r"\b(go(ing)? (through|thru) (his|her|their) (phone|messages|gallery|camera roll|photos)|"
    r"search(ing)? (my|his|her|their) (phone|gallery|camera roll))\b"
    # (the asker's own phone, taken or gone through by someone of the school)
    r"|\b(my|the|our|a|de|mijn|onze)\s+(mentor|teacher|docent|leraar|lerares|juf|meester|"
    r"conci[eë]rge|principal|head ?teacher|director|directeur|teamleider|ict[- ]?\w*)\s+"
    r"((has|had|just|then)\s+)?((took|taken)\s+(away\s+)?my\s+(\w+\s+)?(phones?|mobiles?|"
    r"devices?)|wants? to go (through|thru) my (phone|messages|gallery|camera roll|photos))\b"
    # (the school reading or watching one's messages: "can the school read my WhatsApp")
    r"|\b(school|teachers?|ict|mentor)\s+(\w+\s+){0,2}(read|see|monitor|track|check)\s+"
    r"(my|our|pupils'?|students'?)\s+(\w+\s+)?(messages|chats?|whatsapps?|e-?mails?|"
    r"browsing|history|dms?)\b",
    re.IGNORECASE,
)
# ...and the measure is all that is asked: no other act in the question ("… innemen
# en de foto's op mijn Instagram zetten", "to bypass the block … overbelasten").
_MEASURE_AND_MORE = re.compile(
    r"\b(zet\w*|post\w*|plaats\w*|deel\w*|delen|gedeeld|shar\w*|doorstu\w*|doorgestuurd|"
    r"forward\w*|screenshot\w*|overbelast\w*|overload\w*|wachtwoord\w*|passwords?|upload\w*|"
    r"verspreid\w*|spread\w*|hack\w*|omzeil\w*|bypass\w*|get around|voorlezen|read out|"
    r"\w*foto'?s?|photos?|pictures?|inlog\w*|log(ging)? in|"
    r"(met|with|using|via)\s+(het|the|a|een)\s+(\w+\s+)?account\s+(van|of)|"
    r"(with|using)\s+\w+'s\s+account|message (his|her|their)|(from|vanaf)\s+(it|his phone|"
    r"her phone|zijn telefoon|haar telefoon)|lezen|read(ing)? (his|her|their|the))\b",
    re.IGNORECASE,
)
# A question in so many words, or one that only points back ("Wat moet ik doen?",
# "Mag dat?", "Is that allowed?").
_ASKED = re.compile(r"(?:[^.?!\n]|(?<=\d)\.(?=\d))*\?")
# A sentence that asks what follows, typed without a question mark ("what are the
# consequences for…", "welke straf krijgt…"); not a story's "when he was suspended".
_ASKS_WHAT_FOLLOWS = re.compile(
    r"(what|which) (are|is|will be|would be|could be) (the )?(consequences?|sanctions?|measures?)"
    r"|what (will|would|could|can) happen|what happens"
    r"|(welke|wat (zijn|is) de) (straf\w*|maatregel\w*|sancties?|gevolgen|consequenties?)"
    r"|wat gebeurt er|ik wil weten|i want to know",
    re.IGNORECASE,
)
# A fear told: what may follow is what the asker wants to know.
_FEAR = re.compile(
    r"\b(bang|angst\w*|vrees|vrezen|zorgen|ongerust|afraid|scared|worried|worry|fear\w*|"
    r"terrified|nervous|zenuwachtig)\b",
    re.IGNORECASE,
)
# A device taken in as the reason told for something else ("omdat hij telefoons
# innam", "after the teacher confiscated his phone"): background, not what is asked.
_BECAUSE = re.compile(r"\b(omdat|nadat|because|after|since)\s+(\w+\s+){0,4}$", re.IGNORECASE)
# ...or something else taken in ("ik heb de toets ingenomen", "standpunt ingenomen").
_NOT_A_DEVICE = re.compile(
    r"\b(toets\w*|proefwerk\w*|standpunt|positie|plaats|plek|schriften|opdracht\w*|test|"
    r"papers?)\s+(\w+\s+)?$",
    re.IGNORECASE,
)
# ...and then doing what is forbidden after all ("ignore it and accept", "hem
# blokkeren en daarna toch zijn foto's delen"): no declining.
_AND_THEN = re.compile(
    r"^[^.?!]*?\b(and|en|maar|but|then|daarna|toch|anyway)\b[^.?!]*?\b(accept\w*|add\w*|"
    r"post\w*|shar\w*|upload\w*|follow\w*|let\w*|friend\w*|accepteer\w*|toevoeg\w*|"
    r"toe te voegen|plaats\w*|delen|deel\w*|zetten|zet\w*|volg\w*|laten|uploaden)\b",
    re.IGNORECASE,
)

_SECRECY = re.compile(
    r"\b(niet|not|never|nooit|won'?t|don'?t)\s+(\w+\s+){0,2}"
    r"(vertellen|melden|zeggen|tell\w*|report\w*|say|find(s)? out|merkt|merken)\b"
    r"|\bdoesn'?t find out\b|\bbetween us\b|\bonder ons\b|\bniet te weten komt\b"
    r"|\b(tell|telling)\s+(no ?one|nobody)\b|\bniemand\s+(\w+\s+){0,2}(vertellen|zeggen)\b"
    r"|\b(without|zonder)\s+(\w+\s+){0,5}(tell\w*|report\w*|ask\w*|consult\w*|check\w*|"
    r"vertellen|melden|vragen|overleg\w*)\b",
    re.IGNORECASE,
)
_RULE_WORD = re.compile(
    r"\b(\w*regels?|protocol\w*|richtlijn\w*|\w*verbod|rules?|policy|guidelines?|ban|"
    r"code of conduct|gedragscode|toestemming\w*|consent\w*|age limit|leeftijd\w*|"
    r"the fact|het feit)\b",
    re.IGNORECASE,
)

_STAFF_SIDE = frozenset({Audience.STAFF})
_PUPIL_SIDE = frozenset({Audience.PUPILS, Audience.PARENTS})


def asks_sanctions(text: str) -> bool:
    """Asks what happens to whoever broke the rules (measures, files, dismissal):
    in what is asked (the questions and the sentence before the first), or in a
    fear told ("ik ben bang voor ontslag"), not in a story's past ("vorige week is
    zijn zoon geschorst … wat moet ik doen?")."""
    if _CONSEQUENCE.search(_asked_part(text)) is not None:
        return True
    # (a fear told, or a question typed with a full stop: "what are the
    # consequences for a pupil who posts it. I saw it happen. Can you help?")
    return any(
        _CONSEQUENCE.search(text, start, end) is not None
        and (
            _FEAR.search(text, start, end) is not None
            or _ASKS_WHAT_FOLLOWS.match(text[start:end].strip()) is not None
        )
        for start, end in _sentences(text)
    )


def _asked_part(text: str) -> str:
    """The questions asked and the sentence before the first of them ("Ik wil de
    chromebooks doorzoeken en de foto's delen. Mag dat?"); all of it when nothing
    ends in a question mark."""
    questions = _ASKED.search(text)
    if questions is None:
        return text
    return text[_sentence_before_start(text, questions.start()) :]


def mentions_police(text: str) -> bool:
    """Asks about, or mentions, a report to the police (3.5)."""
    return _POLICE.search(text) is not None


def asks_as_staff(text: str) -> bool:
    """The asker states they ask as a member of staff ("mag ik als docent…")."""
    return _AS_STAFF.search(text) is not None


def asks_own_conduct(text: str) -> bool:
    """The asker asks whether they themselves may do something ("mag ik…")."""
    return _OWN_CONDUCT.search(text) is not None


def _sentences(text: str) -> list[tuple[int, int]]:
    """Where each sentence starts and ends."""
    ends = [*_SENTENCE_END.finditer(text)]
    return list(
        zip([0, *(m.end() for m in ends)], [*(m.start() for m in ends), len(text)], strict=True)
    )


def _sentence_end(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` ends."""
    end = _SENTENCE_END.search(text, pos)
    return end.start() if end else len(text)


def _sentence_before_start(text: str, pos: int) -> int:
    """Where the sentence before the one holding ``pos`` starts (0 when there is none)."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, pos)]
    return ends[-2] if len(ends) > 1 else 0


def _steps_read(text: str) -> tuple[bool, bool]:
    """Whether the words speak of a step of passing something on to the mentor,
    supervisor, principal…, or of asking them for help (to them alone, not
    denied: "niet aan de mentor vertellen", and not beside another act asked
    about: "mag ik hem terug bedreigen en het daarna aan de mentor vertellen?");
    and whether they ask leave for that very step and nothing else, in its
    sentence before it ("May I show the messages to my team leader?"; not "can
    I send him some and tell my mentor afterwards?"), or approval asked right
    after a plan that is only the step ("I'd like to send screenshots to my team
    leader. Is that the right step?"); approval of a plan with more in it covers
    all of it: no such leave. Nothing put off after the step ("…tomorrow").
    Each sentence is read once, whatever its length."""
    step = leave = False
    sentences = _sentences(text)
    for index, (start, end) in enumerate(sentences):
        sentence = text[start:end]
        first_leave = _LEAVE.search(sentence)
        first_act, first_done = _first_act(sentence), _first_done(sentence)
        elsewhere = _ELSEWHERE.search(sentence) is not None
        acts_after = [m.start() for m in _AND_ACT.finditer(sentence)]
        put_off = max((m.start() for m in _PUT_OFF.finditer(sentence)), default=-1)
        for pattern in (_REPORT, _HELP):
            for match in pattern.finditer(sentence):
                if (
                    _DENIED_STEP.search(sentence, max(0, match.start() - _WINDOW), match.start())
                    # (others told too, also within the step's words: "doorsturen naar
                    # de klassengroep en het aan onze mentor laten zien")
                    or elsewhere
                    or 0 <= first_act < match.start()
                    or 0 <= first_done < match.start()
                    or any(a >= match.end() for a in acts_after)
                    or _more_than_the_step(sentence, match.end())
                ):
                    continue
                if first_leave is not None and first_leave.start() < match.start():
                    # Leave asked for more than the step ("can I do the call and
                    # tell my mentor tomorrow?"): the step is not what is asked.
                    # (A few words between at most: no long stretch is read again.)
                    if _beyond_the_step(sentence, first_leave.end(), match.start()):
                        continue
                    step = True
                    if put_off < match.end():
                        return True, True
                    continue
                step = True
                if put_off >= match.end():
                    continue
                # A plan that is only the step ("I'd like to send screenshots of the
                # thread to my team leader and ask him how to handle it."), with
                # approval asked right after it ("Is that the right step?").
                following = text[slice(*sentences[index + 1])] if index + 1 < len(sentences) else ""
                if (
                    first_leave is None
                    and match.start() <= _STEP_CHARS
                    and _WISH.match(sentence, 0, match.start())
                    and _APPROVED.match(following.strip())
                    and _first_act(following) < 0
                ):
                    leave = True
    return step, leave


def asks_to_report(text: str) -> bool:
    """Asks whether to pass something on to the mentor, supervisor, principal…,
    or to ask them for help (``_steps_read``)."""
    return _steps_read(text)[0]


def asks_leave_to_report(text: str) -> bool:
    """Asks leave for that very step and nothing else (``_steps_read``)."""
    return _steps_read(text)[1]


def names_responsible(text: str) -> bool:
    """Names the mentor, team leader, principal… the protocol says to go to."""
    return _TO_RESPONSIBLE.search(text) is not None


def asks_leave(text: str) -> bool:
    """Asks leave for something ("mag ik…", "may I…"), not whether one must."""
    return _LEAVE.search(text) is not None


def declines(text: str) -> bool:
    """Asks leave to decline or ignore something ("mag ik dat gewoon negeren?",
    "can I decline it?"), not to refuse a step ("mag ik weigeren de foto te
    verwijderen?" is no such leave), nor to set a rule aside ("can I ignore the
    rule and post it?", "mag ik de toestemming negeren?"), nor to decline only
    to do the forbidden thing after all ("ignore it and accept"), nor to keep
    the matter to oneself ("can I just block him and not tell anyone?", "…zonder
    het eerst aan iemand te vragen?": 1.5, 1.9 and 2.5 ask to pass it on or talk
    it over)."""
    return _SECRECY.search(text) is None and (
        any(
            not _RULE_WORD.search(text, match.start(), match.end() + 40)
            and not _AND_THEN.search(text[match.end() :])
            for match in _DECLINE.finditer(text)
        )
        or any(
            # "I'd like to leave the comment alone and phone him. Is that okay?":
            # approval asked in the very next sentence, for that plan alone (not a
            # rule set aside, nor another act beside it).
            not _RULE_WORD.search(text, match.start(), match.end() + 40)
            and not _AND_THEN.search(text[match.end() :])
            and not _ANOTHER_REPLY.search(text, match.end(), _sentence_end(text, match.end()))
            and _APPROVED.fullmatch(_next_sentence(text, match.end()).strip(" \n?!.")) is not None
            for match in _INTEND_DECLINE.finditer(text)
        )
    )


def _next_sentence(text: str, pos: int) -> str:
    """The sentence after the one holding ``pos`` ("" at the end; blank lines skipped)."""
    return next(
        (
            text[start:end]
            for start, end in _sentences(text)
            if start > pos and text[start:end].strip()
        ),
        "",
    )


def asks_about_account_openness(text: str) -> bool:
    """About an account set public and what it shows of its owner (their school,
    town, street), and nothing else done with it (``_ACCOUNT_OPEN``)."""
    return (
        (_ACCOUNT_OPEN.search(text) is not None and _SHOWS_WHO.search(text) is not None)
        or _SETTINGS_HELP.search(text) is not None
        # (the setting's own verb is no other act: "op privé zet")
    ) and _OTHER_PUBLICATION.search(_SETTINGS_HELP.sub(" ", text)) is None


def sets_account_private(text: str) -> bool:
    """The account is set to private (not: the asker does not know how yet)."""
    return _TO_PRIVATE.search(text) is not None and _SETTINGS_HELP.search(text) is None


def tells_of_others_hurting(text: str) -> bool:
    """Tells of bullying, exclusion or mockery, or of someone's posts passed around
    (``_OTHERS_HURT``)."""
    return _OTHERS_HURT.search(text) is not None


def asks_about_school_measure(text: str) -> bool:
    """About a measure the school or a teacher takes over devices, the network or
    accounts (``_SCHOOL_MEASURE``, or a device taken in: ``_CONFISCATE``), and
    nothing else: no other act in the questions asked (``_MEASURE_AND_MORE``), not
    a pupil asking leave for it themselves (a pupil searching a phone is 1.7's)."""
    asked = _asked_part(text)
    if _MEASURE_AND_MORE.search(asked) is not None:
        return False
    if asks_as_pupil(text) and _ASK_LEAVE_RE.search(asked):
        return False
    if _SCHOOL_MEASURE.search(text) is not None:
        return True
    return _DEVICE.search(text) is not None and any(
        not _BECAUSE.search(text, max(0, m.start() - 40), m.start())
        and not _NOT_A_DEVICE.search(text, max(0, m.start() - 30), m.start())
        for m in _CONFISCATE.finditer(text)
    )


def answers_briefly(text: str) -> bool:
    """Asks leave to answer only by asking to talk it over in person
    (``_TAKE_IT_OFFLINE``), or with a time or date that was asked for, in a matter
    nobody argues over (``_PRACTICAL_ASKED``): no discussion online."""
    if _SECRECY.search(text) is not None or _HOSTILE.search(text) is not None:
        return False
    offline = _TAKE_IT_OFFLINE.search(text)
    if offline is not None:
        # (nothing argued in the reply, after the invitation either)
        end = _sentence_end(text, offline.end())
        return _ARGUED_IN_REPLY.search(text, offline.start(), end) is None
    return _answers_practical(text)


def _answers_practical(text: str) -> bool:
    """Leave asked to answer with a time or date that was asked for, in a matter
    nobody argues over (``_PRACTICAL_ASKED``)."""
    leave = _LEAVE.search(text)
    if leave is None or _DISPUTE.search(text) is not None:
        return False
    # (the time or date asked for in the sentence asking leave or the one before it)
    start = _sentence_before_start(text, leave.start())
    stop = _sentence_end(text, leave.end())
    return (
        _REPLY.search(text, leave.start(), stop) is not None
        and _PRACTICAL_ASKED.search(text, start, stop) is not None
        # (only the time: not "de tijd geven en zeggen dat hij niet mee mag")
        and _ARGUED_IN_REPLY.search(text, leave.start(), stop) is None
    )


def defers(text: str) -> bool:
    """Speaks of waiting with, or putting off, a step ("mag ik wachten tot…"), not
    of not waiting ("rather than wait until tomorrow", "in plaats van te wachten")."""
    # (what is asked, from the sentence where leave is asked: "she asked me to keep
    # it secret. Can I still tell our mentor?" asks no leave to keep it secret)
    leave = _LEAVE.search(text)
    start = 0
    if leave is not None:
        start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, leave.start())), default=0)
    return any(
        not _NOT_WAITING.search(text, max(0, wait.start() - 25), wait.start())
        for wait in _DEFER.finditer(text, start)
    )


def states_doubt(text: str) -> bool:
    """The asker says they doubt whether it is all right ("ik twijfel of…")."""
    return _DOUBT.search(text) is not None


def mentions_online(text: str) -> bool:
    """Names an online medium, a device or account, or sharing through them,
    also when typed with one slip ("freinds", "acount", "instagarm"); not when
    every such word is denied ("niet online maar op het schoolplein", "no phones
    out, no filming", "nothing was posted")."""
    named = [*_ONLINE.finditer(text)]
    if named:
        return not all(_denied_online(text, m.start()) for m in named)
    return any(
        len(word) >= _MIN_TYPO_LENGTH and any(one_slip(word, known) for known in _ONLINE_WORDS)
        for word in re.findall(r"\w+", text.lower())
    )


# A negation just before a word denies it: right before it, or with only an
# article, a preposition or a form of "to be" between ("nothing was posted",
# "geen enkele foto"); not a negation of something else ("ik weet niet wie het
# online zette", "no idea who posted it", "mag ik niet gewoon appen?"). (One
# reported, "he said he never posted it", is ``_LEAVE_OR_SAID``'s.)
_DENIED = re.compile(
    r"\b(niet|geen|niets|niks|niemand|nooit|zonder|no|not|nothing|nobody|never|without|none)"
    r"\s+((de|het|een|enkele|op|in|er|meer|the|a|an|any|on|was|were|is|has|been|ever)\s+){0,2}$",
    re.IGNORECASE,
)
_DENIAL_REACH = 40
# Leave asked or words reported before the negation, in the same part of a sentence:
# a rule asked about ("mag je in de klas niet filmen?") or someone's claim ("he told
# me he never posted it"), not a denial.
_LEAVE_OR_SAID = re.compile(
    r"\b(mag|mogen|mocht|mochten|kan|kunnen|may|might|can|could|allowed|should|moet|moeten|"
    r"said|says|told|tells|claims?|claimed|denies|denied|zegt|zei|zeggen|beweert|beweerde|"
    r"ontkent|ontkende|waarom|why)\b",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(r"[.,;:!?\n][^.,;:!?\n]*$")


def _denied_online(text: str, pos: int) -> bool:
    """The online word at ``pos`` is denied (``_DENIED``), not in a rule quoted nor
    after leave asked or words reported in its part of the sentence."""
    if not _DENIED.search(text, max(0, pos - _DENIAL_REACH), pos):
        return False
    if _RULE_WORD.search(text, max(0, pos - 2 * _DENIAL_REACH), pos):
        # (a rule quoted is no denial: "de regel dat je geen vrienden wordt")
        return False
    start = _CLAUSE_START.search(text, 0, pos)
    return not _LEAVE_OR_SAID.search(text, start.start() if start else 0, pos)


# Words of the protocol's subject that staff and pupils often mistype; a word
# this long one slip away from one of them names it (shorter words would match
# unrelated words: "post" and "past"; so would "follow" and "fellow", "message"
# and "massage", which the pattern above catches when spelled right).
_MIN_TYPO_LENGTH = 5
_ONLINE_WORDS = (
    "friend",
    "friends",
    "vriend",
    "vrienden",
    "account",
    "accounts",
    "instagram",
    "facebook",
    "snapchat",
    "whatsapp",
    "youtube",
    "tiktok",
    "twitter",
    "linkedin",
    "discord",
    "online",
    "internet",
    "telefoon",
    "mobiel",
    "phone",
    "wachtwoord",
    "password",
    "berichten",
    "volgen",
    "photos",
    "photo",
    "video",
    "filmpje",
    "sociale",
    "upload",
    "posten",
    "screenshot",
)


def one_slip(word: str, known: str) -> bool:
    """``word`` is ``known`` with one letter added, dropped, changed, or two
    neighbours swapped (Damerau's single edit)."""
    if word == known or abs(len(word) - len(known)) > 1:
        return False
    if len(word) == len(known):
        diff = [i for i, (a, b) in enumerate(zip(word, known, strict=True)) if a != b]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and word[diff[0]] == known[diff[1]]
            and word[diff[1]] == known[diff[0]]
        )
    short, long = sorted((word, known), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


# "Mijn" as staff and pupils type it too ("mn mentor", "m'n klas"), and "onze".
_MY_NL = r"(mijn|mn|m['’]n|onze)"
# The one asking is a pupil: they speak of their own teacher ("onze docent
# biologie zei…", "my maths teacher"), not of their child's (a parent) or of
# their class (staff).
_PUPIL_ASKER = re.compile(
    r"\b(my|our)\s+(\w+\s+){0,2}(teacher|tutor|form tutor|mentor|head of year)\b"
    r"(?!\s+(class|group|pupils?|students?))|"
    r"\b" + _MY_NL + r"\s+(\w+\s+){0,2}(docent|leraar|lerares|juf|meester|mentor|leerkracht)\b"
    r"(?!\s*(klas|groep|leerling\w*))",
    re.IGNORECASE,
)
# Not "videos of my kids", "foto's van mijn kinderen": staff speak of their own
# family as what is shown, a parent of their child as who acts or is at school.
_PARENT_ASKER = re.compile(
    r"(?<!of )(?<!van )(?<!with )(?<!met )(?<!and )(?<!en )"
    r"\b(" + _MY_NL + r" (zoon|dochter|kind|kinderen|zoontje|dochtertje)|"
    r"(my|our) (son|daughter|child|children|kid|kids))\b|"
    r"\b(i'?m an? (dad|father|mum|mom|mother|parent)|ik ben (een )?(vader|moeder|ouder)|"
    r"als (vader|moeder|ouder)|as an? (dad|father|mum|mom|mother|parent))\b|"
    # ...but the child's class, school or teacher is a parent's: "a photo of my
    # son's class", "de klas van mijn dochter".
    r"\b(my|our) (son|daughter|child|kid)['’]s (\w+\s+)?(class|school|teacher|year|group)\b|"
    r"\b(klas|school|juf|meester|mentor|leraar|groep) van " + _MY_NL + r" (zoon|dochter|kind)\b",
    re.IGNORECASE,
)


# The asker speaks of their own class or pupils: a member of staff (who may
# also mention their own children or their own mentor).
_OWN_CLASS = re.compile(
    r"\b" + _MY_NL + r" (\w+\s+)?(klas|klassen|groep|leerlingen|mentorklas|mentorleerling\w*|"
    r"lessen|les)\b|\bik geef les\b|"
    r"\b(my|our) (\w+\s+)?(class|classes|form|pupils|students|lessons?|mentor class)\b|\bi teach\b",
    re.IGNORECASE,
)


def asks_as_parent(text: str) -> bool:
    """The asker speaks as a parent, of their own child ("mijn zoon", "my daughter")."""
    return (
        _PARENT_ASKER.search(text) is not None
        and _OWN_CLASS.search(text) is None
        and not asks_as_staff(text)
    )


def asks_as_pupil(text: str) -> bool:
    """The asker speaks as a pupil: of their own teacher, not as staff or a parent."""
    return _I_AM_PUPIL.search(text) is not None or (
        _PUPIL_ASKER.search(text) is not None
        and _PARENT_ASKER.search(text) is None
        and not asks_as_staff(text)
    )


def mentions_personal_data(text: str) -> bool:
    return _PERSONAL_DATA.search(text) is not None


def asks_consequences(text: str) -> bool:
    return asks_sanctions(text) or mentions_police(text)


def actor(text: str) -> frozenset[Audience] | None:
    """Whose conduct the question is about: the side named first (None if neither).

    "Een ouder heeft … gezet" → pupils and parents; "wat gebeurt er met mij" or
    "a teacher who…" → staff. A consequence phrase that names a file decides
    first: a personnel file is staff's, a pupil file a pupil's."""
    if re.search(r"personeelsdossier|personnel file|staff file", text, re.IGNORECASE):
        return _STAFF_SIDE
    if re.search(r"leerlingdossier|pupil file|student file", text, re.IGNORECASE):
        return _PUPIL_SIDE
    asked = _CONSEQUENCE.search(text)
    if asked is not None:
        # "what happens to a teacher who…", "maatregelen tegen die ouder": the
        # person right after the consequence and its preposition.
        after = re.split(r"[.?!]", text[asked.end() : asked.end() + 40])[0]
        if not re.search(r"\b(met|to)$", asked.group(0), re.IGNORECASE):
            target = _TARGET.search(after)
            after = after[target.start() :] if target else ""
        side = _first_side(after[:25])
        if side is not None:
            return side
    return _first_side(text)


def _first_side(text: str) -> frozenset[Audience] | None:
    staff = _STAFF.search(text)
    pupils = _PUPILS.search(text)
    if staff is None and pupils is None:
        return None
    if pupils is None or (staff is not None and staff.start() < pupils.start()):
        return _STAFF_SIDE
    return _PUPIL_SIDE


# "**" in a cue: up to three words in between ("told us ** that we may").
_GAP = r"\s+(?:[\w'’-]+\s+){0,3}"


# A clause that tells of someone or something beside what is asked ("…tegen een
# collega die…", "…als een leerling…", "for teachers who…", "if I use…").
_TELLS = re.compile(
    r"\b(die|dat|als|wanneer|omdat|terwijl|who|that|if|when|whose|because|while|wiens|wier)\b",
    re.IGNORECASE,
)
_SECOND_SENTENCE = re.compile(r"[.?!]+\s+\S")
# The same words as a determiner or a role, which tell nothing: "dat protocol",
# "die regels", "that protocol", "als directeur", "als ouder" (but "als een
# medewerker de training niet volgt" tells one).
_NOT_TELLING = re.compile(
    r"\b(dat|die|that)\s+(social[- ]media[- ])?"
    r"(protocol\w*|richtlijn\w*|regel\w*|rules?|guidelines?|document)\b|"
    r"\bals\s+(docent|leraar|leerkracht|mentor|medewerker|personeelslid|directeur|"
    r"directie|schoolleider|schoolleiding|teamleider|leidinggevende|ouder|moeder|vader|"
    r"leerling|school|bestuur|werkgever)\w*",
    re.IGNORECASE,
)


def tells_a_matter(text: str) -> bool:
    """The question tells a matter beside its question: a second sentence, or a
    clause about someone's conduct. "Welke maatregelen staan er in (dat)
    protocol?" or "…kan ik als directeur nemen op grond van het protocol?"
    tells none: it asks what the protocol itself says."""
    return bool(_SECOND_SENTENCE.search(text.strip()) or _TELLS.search(_NOT_TELLING.sub(" ", text)))


def cue_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern for whole phrases; ``*`` is the rest of a word
    (or one word), ``**`` up to three words."""
    parts = []
    for phrase in phrases:
        pattern, separator = "", ""
        for word in phrase.split():
            if word == "**":
                separator = _GAP if pattern else ""
                continue
            # "*" is the rest of a word; an apostrophe may be typed curly or left out ("didnt").
            pattern += separator + re.escape(word).replace(r"\*", r"\w*").replace("'", "['’]?")
            separator = r"\s+"
        if pattern:
            parts.append(pattern)
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


# A name taken out of an apposition, leaving its commas ("aan onze mentor, meneer
# [Visser], vertellen", "my team leader, [Anna], said"): read as if it were not there.
_NAME_GAP = re.compile(
    r"\s*,\s*((meneer|mevrouw|mevr\.?|dhr\.?|juf|juffrouw|meester|mr\.?|mrs\.?|ms\.?|miss|sir)\s*)?,",
    re.IGNORECASE,
)


def read(text: str) -> Reading:
    """The question's reading, once per question: every later stage uses it."""
    text = _NAME_GAP.sub("", text)
    steps = _steps_read(text)
    return Reading(
        sanctions=asks_sanctions(text),
        police=mentions_police(text),
        actor=actor(text),
        own_conduct=asks_own_conduct(text),
        as_staff=asks_as_staff(text),
        to_report=steps[0],
        leave_to_report=steps[1],
        other_act=asks_other_act(text),
        names_responsible=names_responsible(text),
        defers=defers(text),
        asks_leave=asks_leave(text),
        declines=declines(text),
        answers_briefly=answers_briefly(text),
        school_measure=asks_about_school_measure(text),
        others_hurt=tells_of_others_hurting(text),
        account_openness=asks_about_account_openness(text),
        to_private=sets_account_private(text),
        online=mentions_online(text),
        personal_data=mentions_personal_data(text),
        doubt=states_doubt(text),
        pupil_asks=asks_as_pupil(text),
        parent_asks=asks_as_parent(text),
        names_protocol=_PROTOCOL.search(text) is not None,
        breaks_protocol=_BREAKS_PROTOCOL.search(text) is not None,
    )
