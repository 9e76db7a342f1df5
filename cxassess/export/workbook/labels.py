"""The workbook's words in English and Danish, shared by the sheets: ``T[lang][key]`` and
what each stage means. A new sheet may keep words only it uses in its own module."""

from __future__ import annotations


STATUSES: dict[str, dict[str, str]] = {
    "en": {"not_started": "Not started", "in_progress": "In progress", "done": "Done",
           "on_hold": "On hold"},
    "da": {"not_started": "Ikke startet", "in_progress": "I gang", "done": "Gennemført",
           "on_hold": "Sat på pause"},
}
"""The Roadmap sheet's statuses by meaning, in the drop-down's order, per language."""

OLDER_STATUSES: dict[str, str] = {"Færdig": "done"}
"""Statuses earlier workbooks listed, by meaning (the Danish "Færdig" became
"Gennemført"): ``export --previous`` still reads them."""

T: dict[str, dict[str, str]] = {
    "en": {
        "title": "Customer experience maturity",
        "subject": "Customer experience maturity assessment (the four Fs) and roadmap",
        "organisation": "Organisation", "sector": "Sector", "date": "Date",
        "assessor": "Assessor", "respondents": "Respondents", "questionnaire": "Questionnaire",
        "where": "Where the organisation stands", "current": "Current stage",
        "stage_scores": "Stage scores", "dimension_scores": "Dimension scores",
        "stage": "Stage", "dimension": "Dimension", "score": "Score",
        "mastery_bar": "Mastery threshold", "bar_short": "Mastery\nthreshold",
        "coverage": "Coverage", "answered": "Answered",
        "answered_total": "Answered /\ntotal", "scorer": "Scorer", "findings": "Findings",
        "top5": "Top five priorities", "initiative": "Initiative", "phase": "Phase",
        "priority": "Priority", "rationale": "Why", "why_title":
            "Why the roadmap starts with Understand and never with Seduce",
        "why": (
            "The four Fs are also a work plan: understand before you fix, fix before you "
            "refine or seduce. Every roadmap therefore begins by getting close to customers "
            "and seeing their journeys from their side; for a mature organisation that is a "
            "short refresh, and reading the analyses that already exist may be enough. Fix "
            "and Refine then run together: the worst points come first so the experience "
            "stops hurting – critical questions and the questionnaire's prerequisites (in "
            "the four-F questionnaire a CX owner in top management and a measurement "
            "baseline) in phase 1 – while a few chosen peaks keep the work from "
            "going cold. Each phase holds a handful of initiatives. Seduce (omnichannel, "
            "personalisation, data integrated across touchpoints) needs a solid foundation "
            "of data, tracking and collaboration across departments, so it is the long-term "
            "goal and never where the work starts."),
        "roadmap_title": "Roadmap: what happens in which phase",
        "counts": "initiatives: {initiatives} · phases: {phases}",
        "phases": "Phases", "after_phase": "Stage scores after this phase",
        "owner": "Owner", "due": "Due", "status": "Status",
        "status_prompt": "Choose the initiative's status.",
        "status_error": "Choose one of the listed values.",
        "fill_in": "Owner, Due and Status are for you to fill in.",
        "no_initiatives": "No initiatives in this phase.",
        "scores_title": "Scores: every stage and dimension",
        "stages": "Stages", "dimensions": "Dimensions", "core": "cxassess (core)",
        "current_marker": "Current stage.", "not_scored": "not scored",
        "no_answers": "No question in this stage was answered.",
        "gaps_title": "Gaps: importance versus today's level",
        "gaps_intro": ("Questions where respondents rated how important the point is to "
                       "customers (1–5) and how well it works today (level 0–4). The gap is "
                       "importance minus level, both put on one 0–100 scale, so it runs from "
                       "−100 to 100: above 0, the point works less well than it matters to "
                       "customers; below 0 (with a minus), it already works better than it "
                       "needs to, and its urgency is 0. The question's urgency is its weight "
                       "× the gap, the priority the roadmap works from, worst first."),
        "question": "Question", "importance": "Importance\n(1–5)", "level": "Level\n(0–4)",
        "gap": "Gap\n(−100 to 100)", "urgency": "Urgency\n(weight × gap)", "gap_chart": "Largest gaps between importance and experience",
        "no_gaps": "No question that asks importance has both a level and an importance yet.",
        "responses_title": "Responses: every answer of every respondent",
        "respondent": "Respondent", "department": "Department",
        "level_short": "Level", "level_text": "What the level means",
        "importance_short": "Importance", "note": "Note", "na": "n/a",
        "na_text": "Not applicable (left out of the scores)",
        "method_title": "Method: how this assessment was made",
        "about": "About this assessment", "version": "Version", "id": "Id",
        "mastery_text": ("A stage counts as mastered when its score reaches the mastery "
                         "threshold and none of its questions is critical (importance 4 or "
                         "more, level 1 or less). The current stage is the first stage, in "
                         "the order Understand, Fix, Refine, Seduce, that is not mastered."),
        "the_stages": "The four stages", "meaning": "What it means",
        "reading": "How to read the scores",
        "reading_text": ("Each question is answered on five levels, 0 (nothing in place) to 4 "
                         "(best practice), by one or more respondents; answers are averaged "
                         "per question and weighted into stage and dimension scores from 0 "
                         "to 100. Answers marked n/a are left out, never counted as 0. "
                         "Coverage is the share of a dimension's questions that were "
                         "answered."),
        "plugins": "Scorer plugins", "plugin": "Plugin", "builtin": "Built-in",
        "yes": "yes", "no": "no", "scores_dims": "Scores",
        "sources": "Sources of the method", "source_title": "Title", "author": "Author",
        "publisher": "Published", "notes": "Note",
        "own_addition": "The questionnaire's own addition.",
        "warnings": "Notes from scoring", "made_with": "Made with",
        "page": "Page &P of &N",
        "checks": "Worth checking before you present", "evidence": "In their own words",
        "current_sentence": "{org} is at the {stage} stage: {stage} scores {score} of 100, "
                            "below the mastery threshold of {bar}. {meaning}",
        "current_critical": "{org} is at the {stage} stage: {stage} scores {score} of 100, "
                            "above the mastery threshold of {bar}, but a critical question "
                            "holds it back. {meaning}",
        "current_none": "{org} is at the {stage} stage: no question in {stage} has been "
                        "answered yet, so it cannot count as mastered. {meaning}",
        "current_all": "{org} clears the mastery threshold of {bar} in every stage and works at "
                       "the Seduce stage ({score} of 100). {meaning}",
    },
    "da": {
        "title": "Modenhed i kundeoplevelsen",
        "subject": "Vurdering af modenhed i kundeoplevelsen (de fire F’er) og køreplan",
        "organisation": "Organisation", "sector": "Branche", "date": "Dato",
        "assessor": "Konsulent", "respondents": "Respondenter",
        "questionnaire": "Spørgeskema",
        "where": "Hvor organisationen står", "current": "Nuværende trin",
        "stage_scores": "Score pr. trin", "dimension_scores": "Score pr. dimension",
        "stage": "Trin", "dimension": "Dimension", "score": "Score",
        "mastery_bar": "Mestringstærskel", "bar_short": "Mestrings-\ntærskel",
        "coverage": "Dækning", "answered": "Besvaret",
        "answered_total": "Besvaret /\ni alt", "scorer": "Scorer", "findings": "Fund",
        "top5": "De fem vigtigste prioriteter", "initiative": "Initiativ", "phase": "Fase",
        "priority": "Prioritet", "rationale": "Hvorfor", "why_title":
            "Hvorfor køreplanen starter med Forstå og aldrig med Forfør",
        "why": (
            "De fire F’er er også en arbejdsplan: forstå, før I fixer, og fix, før I "
            "forfiner eller forfører. Derfor begynder enhver køreplan med at komme tæt på "
            "kunderne og se rejsen fra deres side; for en moden organisation er det en kort "
            "genopfriskning, og det kan være nok at læse de analyser, der allerede findes. "
            "Derefter kører Fix og Forfin sammen: Det, der halter mest, kommer først, så "
            "oplevelsen holder op med at gøre ondt – kritiske spørgsmål og spørgeskemaets "
            "forudsætninger (i de fire F’ers spørgeskema en CX-ejer i topledelsen og et "
            "udgangspunkt for målingerne) i fase 1 – mens nogle få udvalgte "
            "højdepunkter holder arbejdet varmt. Hver fase rummer en håndfuld initiativer. "
            "Forfør (omnichannel, personalisering og data integreret "
            "på tværs af kontaktpunkter) kræver et solidt fundament af data, tracking og "
            "samarbejde på tværs af afdelinger. Derfor er Forfør det langsigtede mål og "
            "aldrig dér, arbejdet begynder."),
        "roadmap_title": "Køreplan: hvad sker der i hvilken fase",
        "counts": "initiativer: {initiatives} · faser: {phases}",
        "phases": "Faser", "after_phase": "Score pr. trin efter denne fase",
        "owner": "Ansvarlig", "due": "Frist", "status": "Status",
        "status_prompt": "Vælg initiativets status.",
        "status_error": "Vælg en af værdierne på listen.",
        "fill_in": "Ansvarlig, Frist og Status udfylder I selv.",
        "no_initiatives": "Ingen initiativer i denne fase.",
        "scores_title": "Scorer: alle trin og dimensioner",
        "stages": "Trin", "dimensions": "Dimensioner", "core": "cxassess (kernen)",
        "current_marker": "Nuværende trin.", "not_scored": "ikke scoret",
        "no_answers": "Intet spørgsmål på dette trin er besvaret.",
        "gaps_title": "Forskel: vigtighed over for niveauet i dag",
        "gaps_intro": ("Spørgsmål, hvor respondenterne har vurderet, hvor vigtigt punktet er "
                       "for kunderne (1–5), og hvor godt det virker i dag (niveau 0–4). "
                       "Forskellen er vigtighed minus niveau, begge sat på én skala fra 0 til "
                       "100, så den går fra −100 til 100: Over 0 virker punktet dårligere, end "
                       "det betyder for kunderne; under 0 (med minus) virker det allerede "
                       "bedre, end det behøver, og hastegraden er 0. Spørgsmålets hastegrad er "
                       "dets vægt × forskellen – den prioritet, køreplanen arbejder ud fra, det "
                       "værste først."),
        "question": "Spørgsmål", "importance": "Vigtighed\n(1–5)", "level": "Niveau\n(0–4)",
        "gap": "Forskel\n(−100 til 100)", "urgency": "Hastegrad\n(vægt × forskel)",
        "gap_chart": "Største forskel mellem vigtighed og oplevelse",
        "no_gaps": "Intet spørgsmål om vigtighed har endnu både et niveau og en vigtighed.",
        "responses_title": "Svar: alle respondenters svar",
        "respondent": "Respondent", "department": "Afdeling",
        "level_short": "Niveau", "level_text": "Hvad niveauet betyder",
        "importance_short": "Vigtighed", "note": "Note", "na": "i/r",
        "na_text": "Ikke relevant (tæller ikke med i scoren)",
        "method_title": "Metode: sådan er vurderingen lavet",
        "about": "Om vurderingen", "version": "Version", "id": "Id",
        "mastery_text": ("Et trin regnes for mestret, når dets score når mestringstærsklen, "
                         "og intet af dets spørgsmål er kritisk (vigtighed 4 eller mere, "
                         "niveau 1 eller derunder). Det nuværende trin er det første trin i "
                         "rækkefølgen Forstå, Fix, Forfin, Forfør, der ikke er mestret."),
        "the_stages": "De fire trin", "meaning": "Hvad trinnet betyder",
        "reading": "Sådan læses scorerne",
        "reading_text": ("Hvert spørgsmål besvares på fem niveauer, fra 0 (intet på plads) til "
                         "4 (bedste praksis), af en eller flere respondenter; svarene midles "
                         "pr. spørgsmål og vægtes sammen til scorer fra 0 til 100 for trin "
                         "og dimensioner. Svar markeret i/r (ikke relevant) udelades og "
                         "tæller aldrig som 0. Dækning er den andel af en dimensions "
                         "spørgsmål, der er besvaret."),
        "plugins": "Scorer-plugins", "plugin": "Plugin", "builtin": "Indbygget",
        "yes": "ja", "no": "nej", "scores_dims": "Scorer",
        "sources": "Metodens kilder", "source_title": "Titel", "author": "Forfatter",
        "publisher": "Udgivet", "notes": "Note",
        "own_addition": "Spørgeskemaets egen tilføjelse.",
        "warnings": "Bemærkninger fra scoringen", "made_with": "Lavet med",
        "page": "Side &P af &N",
        "checks": "Værd at tjekke, før I præsenterer", "evidence": "Med deres egne ord",
        "current_sentence": "{org} står på trinnet {stage}: {stage} scorer {score} af 100, "
                            "under mestringstærsklen på {bar}. {meaning}",
        "current_critical": "{org} står på trinnet {stage}: {stage} scorer {score} af 100, "
                            "over mestringstærsklen på {bar}, men et kritisk spørgsmål holder "
                            "trinnet tilbage. {meaning}",
        "current_none": "{org} står på trinnet {stage}: Intet spørgsmål i {stage} er besvaret "
                        "endnu, så trinnet kan ikke regnes for mestret. {meaning}",
        "current_all": "{org} når mestringstærsklen på {bar} på alle trin og arbejder på "
                       "trinnet Forfør ({score} af 100). {meaning}",
    },
}

for _lang, _statuses in STATUSES.items():  # the Status drop-down's list
    T[_lang]["status_values"] = ",".join(_statuses.values())

STAGE_MEANING = {
    "en": {
        "understand": "See what customers experience by mapping their journeys: what they "
                      "do, how each step feels, how important it is to them, and where the "
                      "gap between importance and experience is largest.",
        "fix": "Fix what does not work at the points that simply must work: understandable "
               "products and communication, platforms without errors, the right tracking, "
               "staff equipped to deliver, no silos the customer runs into. Worst first.",
        "refine": "Create peaks at the journey points that matter most to customers: deliver "
                  "above expectation, with segmented experiences and targeted dialogue built "
                  "on the data collected.",
        "seduce": "A coherent experience across channels, products and touchpoints: "
                  "omnichannel, personalised offers from integrated data, a recognisable "
                  "brand everywhere, and systems that let staff deliver it.",
    },
    "da": {
        "understand": "Se, hvad kunderne oplever, ved at kortlægge deres rejser: hvad de gør, "
                      "hvordan hvert trin opleves, hvor vigtigt det er for dem, og hvor forskellen "
                      "mellem vigtighed og oplevelse er størst.",
        "fix": "Fix det, der ikke virker, på de punkter, der bare skal virke: forståelige "
               "produkter og kommunikation, platforme uden fejl, den rigtige tracking, "
               "medarbejdere klædt på til at levere og ingen siloer, kunden støder ind i. "
               "Det værste først.",
        "refine": "Skab højdepunkter på de punkter i rejsen, der betyder mest for kunderne: "
                  "lever over forventning med segmenterede oplevelser og målrettet dialog "
                  "bygget på de indsamlede data.",
        "seduce": "En sammenhængende oplevelse på tværs af kanaler, produkter og "
                  "kontaktpunkter: omnichannel, personlige tilbud ud fra integrerede data, et "
                  "genkendeligt brand overalt og systemer, der lader medarbejderne levere det.",
    },
}

