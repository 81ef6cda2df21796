import type { Catalogue } from './translate';

/*
 * Evidensrapporten på norsk bokmål. Samme nøkler som den engelske katalogen
 * (catalogue-en.ts); juridiske begreper slik personvernforordningen lyder i den
 * norske EØS-teksten (behandlingsansvarlig, databehandler, tredjestat, vurdering av
 * personvernkonsekvenser, personvernombud). suverens klassifiseringer gjengis med sine
 * id-er og forklares som dataklasser, aldri som sikkerhetsgraderinger.
 */
export const NB: Catalogue = {
  'report.title': 'suveren – evidensrapport',
  'report.generated': 'Laget fra den syntetiserte skysammenstillingen (cloud assembly) for `{configFile}`. Skjema `{schema}` {version}. Språk: norsk bokmål.',
  'report.standing.label': 'Hva rapporten er.',
  'report.standing':
    'Rapporten er grunnlagsmateriale for den behandlingsansvarliges egne vurderinger (vurdering av personvernkonsekvenser, risiko- og sårbarhetsanalyse og, i Sverige, vurderingen av taushetsplikt (sekretessbedömning) etter OSL 10 kap. 2 a §). Den gjengir hva de syntetiserte malene viser, og angir hvilken regel hvert faktum er relevant for; den trekker ingen rettslige konklusjoner. Det er den behandlingsansvarliges beslutning, signert av beslutningstakeren etter å ha rådført seg med personvernombudet, som gjelder.',
  'report.classifications.label': 'Klassifiseringer.',
  'report.classifications':
    'Klassifiseringene open, internal, confidential og secret er suverens egne dataklasser, som velger nivå for nøkkelforvaring. De er ikke sikkerhetsgraderinger, og informasjon som er sikkerhetsgradert etter sikkerhetsloven (i Sverige säkerhetsskyddslagen) er utenfor plattformens virkeområde.',
  'report.quoted':
    'Beskrivelser av policyer, alarmer og funn, begrunnelser for godtatte avvik og merknader fra AWS Config siteres på originalspråket (engelsk) slik de står i malene, valideringsrapporten og AWS Config.',
  'classification.label': '`{classification}` (suverens dataklasse, ikke sikkerhetsgradert)',

  'common.yes': 'ja',
  'common.no': 'nei',
  'common.unresolved': 'ikke fastsatt',
  'common.nobody': 'ingen',
  'common.none': 'ingen',
  'common.unknown': 'ukjent',
  'common.notProvided': 'ikke oppgitt',

  'summary.heading': 'Sammendrag',
  'summary.allowedRegions': 'Tillatte regioner: {regions}',
  'summary.scpRegions': 'Regioner som regionsperrens SCP tillater: {regions}',
  'summary.noRegionGuard': 'ingen SCP for regionsperre i sammenstillingen',
  'summary.gates': 'Kontroller ved syntese: {state}. Åpne funn: {findings}; godtatte avvik: {acknowledgments}, oppført under «{where}».',
  'summary.gates.passed': 'gjennomført',
  'summary.gates.failed': '**ikke bestått**',
  'summary.gates.notRun': '**ikke kjørt** (ingen valideringsrapport)',
  'summary.accessMatrix': 'Tilgangsmatrise: {state}',
  'summary.tenants': 'Leietakere: {count}',
  'accessMatrix.computed': 'beregnet',
  'accessMatrix.notRequested': 'ikke beregnet: ikke bedt om',
  'accessMatrix.switchedOff': 'ikke beregnet: slått av ({switch}=off eller valget accessMatrix)',
  'accessMatrix.noEvaluator':
    'ikke beregnet: IAM-evaluatoren @cloud-copilot/iam-simulate er ikke installert (den er en utviklingsavhengighet som npm ci installerer)',
  'column.tenant': 'leietaker',
  'column.name': 'navn',
  'column.classification': 'klassifisering',
  'column.tier': 'nivå',
  'column.region': 'region',
  'column.account': 'konto',
  'column.providerPlaintext': 'leverandøren kan se klartekst',

  'tenant.heading': 'Leietaker {id}: {name}',
  'tenant.intro': 'Data i klassen {classification}, nivå `{tier}`, stack `{stack}` i {region} (konto {account}).',
  'tenant.unresolvedRegion': 'en region som ikke er fastsatt',
  'tenant.guardrails': '**Sikkerhetsregler som gjelder** (hvis kontoen ligger under disse målene):',
  'tenant.guardrail': '{name} ({type}), knyttet til {targets}',
  'tenant.uploadInspection': 'Kontroll av opplastinger.',
  'tenant.erasure': 'Sletting (GDPR art. 17).',
  'erasure.groups':
    '{deleters} kan slette objektversjoner med et direkte kall, slik IAM-evaluatoren avgjorde for tilgangsmatrisens aktører. En person sletter som {role}, med suveren erase, som sletter hver versjon og karantenekopi av et objekt og skriver en oversikt over det; IAM Identity Center-{count, plural, one {gruppen} other {gruppene}} {groups} har den rollen.',
  'erasure.noGroup':
    '{deleters} kan slette objektversjoner med et direkte kall, slik IAM-evaluatoren avgjorde for tilgangsmatrisens aktører. En person sletter som {role}, med suveren erase, men ingen IAM Identity Center-gruppe er tildelt den rollen: tildel en før en sletteanmodning kommer.',
  'tenant.recovery': 'Gjenopprettingsnøkkel.',

  'bucket.data': 'Databøtte',
  'bucket.quarantine': 'Karantenebøtte',
  'bucket.accessLog': 'Bøtte for tilgangslogger',
  'bucket.region': 'region',
  'bucket.encryption': 'kryptering av lagrede data',
  'bucket.bucketKeys': 'S3 Bucket Keys',
  'bucket.versioning': 'versjonering',
  'bucket.publicAccessBlocked': 'offentlig tilgang sperret',
  'bucket.aclsDisabled': 'ACL-er slått av',
  'bucket.accessLogging': 'tilgangslogging',
  'bucket.objectLock': 'Object Lock',
  'bucket.denyWithoutTls': 'avviser forespørsler uten TLS',
  'bucket.tlsFloor': 'laveste TLS-versjon',
  'bucket.keyPinned': 'opplastinger låst til bøttens nøkkel',
  'bucket.keyPinned.notApplicable': 'ikke relevant (ingen KMS-nøkkel)',
  'bucket.dataPrincipals': 'bare disse identitetene kan røre data',
  'bucket.configurationPrincipals': 'bare disse identitetene kan endre bøttens innstillinger',
  'encryption.sseKms': 'SSE-KMS (AES-256-GCM under en KMS-nøkkel)',
  'encryption.sseS3': 'SSE-S3 (AES-256, nøkkel som S3 forvalter)',
  'encryption.none': 'ingen',
  'encryption.other': '{algorithm}',
  'objectLock.days': '{mode} i {count, plural, one {{count} dag} other {{count} dager}}',
  'objectLock.years': '{mode} i {count} år',

  'key.heading': 'Nøkkel `{id}`',
  'key.heldIn': 'Oppbevares i {custody}.',
  'key.rotation': 'rotasjon',
  'key.multiRegion': 'flere regioner',
  'key.deletionWindow': 'slettefrist',
  'key.deletionDays': '{days, plural, one {{days} dag} other {{days} dager}}',
  'key.deletionDefault': 'standardfristen',
  'key.trustsRoot': 'nøkkelpolicyen stoler på kontoens rot (IAM kunne gi tillatelse til å bruke nøkkelen)',
  'key.users': 'Hvem som kan bruke nøkkelen:',
  'key.administrators': 'Hvem som kan administrere nøkkelen:',
  'key.via': '(bare via {services})',
  'custody.awsKms': 'AWS KMS (HSM-er som AWS drifter), kundeforvaltet nøkkel',
  'custody.awsKms.clientSide':
    'AWS KMS (HSM-er som AWS drifter), som andre lag. Det første laget, krypteringen i kundens egne lokaler, synes ikke i en mal: det er kontrollen av opplastinger, som avviser alt annet enn leietakerens chiffertekst, som viser at det er i bruk',
  'custody.awsKms.hsmPending': 'AWS KMS (HSM-er som AWS drifter): leietakerens CloudHSM-baserte nøkkel er ennå ikke i malen',
  'custody.external':
    'et eksternt nøkkellager i KMS (`{store}`): nøkkelmaterialet er kundens HSM-nøkkel `{xksKeyId}` i kundens egne lokaler, brukt via XKS-proxyen kunden drifter; opprinnelse EXTERNAL_KEY_STORE, én region. KMS kan ikke rotere den: nøkkelmaterialet roteres i HSM-en bak samme id (se suverens driftsinstruks for det eksterne nøkkellageret)',
  'custody.cloudhsm':
    'et tilpasset nøkkellager i KMS (`{store}`) på en CloudHSM-klynge som ingen annen AWS-kunde bruker, dedikert til nøkkelforvaringskontoen og delt av dens hsm-leietakere, der kunden er kryptoansvarlig; opprinnelse AWS_CLOUDHSM, én region. Nøkler i et tilpasset nøkkellager kan ikke roteres automatisk, men roteres manuelt (se suverens driftsinstruks for HSM-klyngen)',
  'custody.unknown': 'et ukjent nøkkellager',

  // The reach graph (lib/reach)
  'reach.heading': 'Hvem kan nå klartekst (hver vei, beregnet av IAM-evaluatoren)',
  'reach.explain':
    'Hver prinsipal som kan nå leietakerens klartekst, selv eller i trinn (ved å anta en rolle, gi en rolle til en tjeneste, opprette et StackSet, starte et bygg, oppdatere en stakk eller en funksjon, skrive om en policy, la S3 kopiere dataene), med sin korteste vei og det som står i veien. Hvert trinn er en forespørsel IAM-evaluatoren tillot over de syntetiserte malene, med identitets- og ressurspolicyer, SCP-ene, RCP-en og tillatelsesgrenser ({principals, plural, one {{principals} prinsipal} other {{principals} prinsipaler}}, {evaluations, plural, one {{evaluations} forespørsel avgjort} other {{evaluations} forespørsler avgjort}}).',
  'reach.none': 'Ingen prinsipal i grafen når klartekst.',
  'reach.path': '{who}: {steps}.',
  'reach.step.assume': 'antar {to}',
  'reach.step.pass-and-run.cloudformation': 'gir {to} til CloudFormation og ruller ut en stakk som den',
  'reach.step.pass-and-run.stacksets': 'oppretter et StackSet der stakkene kjører som {to} i medlemskontoene',
  'reach.step.pass-and-run.lambda': 'gir {to} til en funksjon (en ny, eller en den konfigurerer om) og kjører egen kode som den',
  'reach.step.pass-and-run.codebuild': 'gir {to} til et byggeprosjekt og kjører et eget bygg som den',
  'reach.step.run-attached.cloudformation': 'oppdaterer en stakk som {to} ruller ut',
  'reach.step.run-attached.change-set': 'oppretter og utfører et endringssett for en stakk som {to} ruller ut',
  'reach.step.run-attached.codebuild': 'starter et bygg av et prosjekt som kjører som {to}, med en egen buildspec',
  'reach.step.run-attached.codepipeline': 'endrer pipelinen som kjører {to}, og fjerner godkjenningen',
  'reach.step.invoke': 'kaller en funksjon som kjører som {to}, med egne inndata',
  'reach.step.rewrite-policy': 'skriver om policyene til {to}, som den kan bli, slik at de tillater det grensen og SCP-ene lar være igjen',
  'reach.step.remove-boundary': 'fjerner tillatelsesgrensen til {to}',
  'reach.step.assign': 'tildeler tillatelsessettet for {to} i leietakerens konto til en bruker eller gruppe den styrer, og logger inn gjennom det',
  'reach.step.change-code': 'endrer koden i en funksjon som kjører som {to}',
  'reach.step.rewrite-trust': 'skriver om tillitspolicyen til {to} og antar den',
  'reach.step.rewrite-own-policy': 'gir seg selv flere tillatelser ved å skrive om sine egne policyer',
  'reach.end.decrypt': 'dekrypterer en kopi av de krypterte dataene (kms:Decrypt kalt direkte)',
  'reach.end.read': 'leser et godkjent objekt, som S3 dekrypterer for den',
  'reach.end.rewrite-key-policy': 'skriver om nøkkelpolicyen slik at den selv får dekryptere (via S3, eller en kopi av de krypterte dataene)',
  'reach.end.grant': 'oppretter en KMS-tillatelse (grant) for seg selv og dekrypterer (via S3, eller en kopi av de krypterte dataene)',
  'reach.end.rewrite-bucket-policy': 'skriver om bøttepolicyen slik at den selv får lese',
  'reach.end.re-encrypt': 'omkrypterer datanøklene under en nøkkel den selv har, og dekrypterer dem',
  'reach.end.replicate':
    'konfigurerer replikering av bøtta med en rolle S3 opptrer som, slik at S3 dekrypterer objektene og kopierer dem til en bøtte den selv har',
  'reach.end.batch-copy':
    'starter en S3 Batch Operations-jobb med en rolle som får lese, slik at S3 dekrypterer objektene og kopierer dem til en bøtte den selv har',
  'reach.gates': 'Sperrer: {gates}.',
  'reach.noGates': 'Sperrer: **ingen**.',
  'reach.gate.approval': 'godkjenning fra {approvers}',
  'reach.gate.break-glass': 'break-glass, som utløser alarmen `{alarm}`',
  'reach.gate.boundary': 'tillatelsesgrensen `{policy}`',
  'reach.gate.proxy': 'bare mens XKS-proxyen for nøkkellageret `{keyStore}` svarer (nødstoppet bryter veien)',
  'reach.gate.mfa': 'en økt logget inn med MFA',
  'reach.gate.next-release': 'pipelinens neste utgivelse, der godkjennerne godkjenner utgivelsen og ikke ser det endrede prosjektet',
  'reach.grantsAtRunTime': 'KMS-tillatelser (grants) finnes bare ved kjøring (ListGrants): malene kan ikke vise dem, og derfor heller ikke denne grafen.',
  'reach.clientSide':
    'Ingen AWS-prinsipal når klartekst: objektene krypteres i kundens lokaler før opplasting, og S3 lagrer bare kryptert data. Klartekst er innen rekkevidde for den som har leietakerens nøkkel (nøkkelfil eller HSM-nøkkel) og dens frakoblede gjenopprettingsnøkkel, i lokalene.',
  'reach.cryptoUsers':
    'Utenfor IAM: den som har kryptobrukerens påloggingsopplysninger for klyngen `{cluster}` (kmsuser-passordet i Secrets Manager i nøkkelforvaringskontoen, som bare nøkkelhåndtereren og den kryptoansvarlige får lese) kan bruke nøklene i HSM-ene.',
  'access.directOnly': 'Tabellen nedenfor viser **bare direkte kall**: én forespørsel per prinsipal, ingen trinn. Veiene over er hva hver enkelt kan nå.',

  'access.heading': 'Hvem kan gjøre hva (beregnet av IAM-evaluatoren ut fra malene)',
  'access.explain':
    'Avgjort av IAM-evaluatoren ut fra de syntetiserte malene, med hver identitets IAM-policyer, bøttens og nøkkelens policyer, SCP-ene og RCP-en; administratorer har AdministratorAccess.',
  'access.hover': 'Hold pekeren over en celle for å se den avgjørende setningen (statement) i policyen.',
  'access.principal': 'identitet',
  'access.only': 'Bare disse kan **{capability}** ({meaning}): {principals}.',
  'capability.write': 'skrive',
  'capability.read': 'lese',
  'capability.list-versions': 'liste versjoner',
  'capability.decrypt': 'dekryptere',
  'capability.delete': 'slette',
  'capability.reconfigure': 'endre innstillinger',
  'capability.write.meaning':
    'PutObject av et nytt objekt under {prefix} med SSE-KMS under leietakerens nøkkel og kontrollmerket "{tag}" (med KMS-kallet S3 gjør på vegne av den som kaller)',
  'capability.read.meaning': 'GetObject av et objekt kontrollen har godkjent (med Decrypt som S3 gjør på vegne av den som kaller)',
  'capability.list-versions.meaning':
    'ListObjectVersions under {prefix}: hver versjons nøkkel, størrelse og dato, også ventende og slettede, uten innhold (det suveren export trenger)',
  'capability.decrypt.meaning': 'kms:Decrypt kalt direkte på leietakerens nøkkel, som med en kopiert chiffertekst',
  'capability.delete.meaning': 'DeleteObjectVersion: permanent sletting av en objektversjon',
  'capability.reconfigure.meaning': 'PutBucketPolicy på databøtten eller PutKeyPolicy på leietakerens nøkkel',
  'principal.deployRole': 'CDKs utrullingsrolle i konto {account}',
  'principal.cfnExec': 'CloudFormations kjørerolle i konto {account} (det hver utrulling kjører som)',
  'principal.outsider': 'en prinsipal utenfor organisasjonen (med AdministratorAccess i sin egen konto)',
  'principal.deploymentAdministrator': 'utrullingskontoens administrator (Suveren-Pipelines konto, betrodd etter designet)',
  'principal.managementAdministrator': 'administrasjonskontoens administrator (ingen SCP eller RCP binder den)',
  'principal.stackSetExecution': 'StackSets kjørerolle som AWS oppretter i konto {account} (stacksets-exec-*)',
  'principal.pipelineDeploy': 'Suveren-Pipelines utrullingsprosjekt ({name}), som kjører en utgitt endring',
  'principal.custodyRole': 'nøkkelforvaringskontoen: rollen {name}',
  'principal.tenantRole': 'leietakerens rolle {name}',
  'principal.externalKeyProvisioner': 'nøkkelforvaringskontoen: rollen som oppretter eksterne nøkler',
  'principal.hsmKeyProvisioner': 'nøkkelforvaringskontoen: rollen som oppretter HSM-nøkler',
  'principal.custodyBreakGlass': 'nøkkelforvaringskontoen: nødtilgangsrollen',
  'principal.custodyAdministrator': 'nøkkelforvaringskontoens administrator',
  'principal.deployment': 'plattformens utrullingsrolle (CloudFormation)',
  'principal.conformanceRule': 'rollen for AWS Configs samsvarsregler',
  'principal.breakGlass': 'nødtilgangsrollen',
  'principal.tenantAdministrator': 'leietakerkontoens administrator',
  'principal.identityCenterGroups':
    'medlemmer av IAM Identity Center-{count, plural, one {gruppen} other {gruppene}} {groups} (tillatelsessett {permissionSet})',
  'principal.identityCenterGroup': 'medlemmer av IAM Identity Center-gruppen {group} (tillatelsessett {permissionSet}, logget inn som {role})',
  'principal.identityCenterAdministrator': 'administrator for IAM Identity Center (delegert administratorkonto {account})',
  'principal.otherTenantAdministrator': 'en annen leietakers administrator ({tenant})',

  'upload.none': 'Ingen kontroll av opplastinger er rullet ut: malen har ingen kontrollfunksjon. Objektene er beskyttet bare av bøttens policy.',
  'upload.triggered': 'Hvert nytt objekt kontrolleres av en kontrollfunksjon: SSE-KMS under leietakerens nøkkel.',
  'upload.notTriggered':
    '**Ingen hendelseskilde**: objektene kontrolleres ikke av kontrollfunksjonen, som ellers kontrollerer SSE-KMS under leietakerens nøkkel.',
  'upload.clientSide':
    'For dette nivået leser den i tillegg en melding fra AWS Encryption SDK (bindende algoritmesett, leietakerens og objektets krypteringskontekst, tillatte nøkkelleverandører) fra objektets første byte, uten å dekryptere.',
  'upload.quarantine': 'Godkjente objekter merkes; avviste versjoner kopieres til karantenebøtten `{bucket}` og slettes først deretter.',
  'upload.deadLetter': 'Mislykkede kontroller prøves på nytt og havner deretter i en kø for ubehandlede meldinger (dead-letter queue).',
  'upload.noDeadLetter': '**Ingen kø for ubehandlede meldinger (dead-letter queue).**',

  'recovery.configured':
    'Hvert objekt er også pakket inn (RSA-OAEP-SHA-256) for leietakerens frakoblede gjenopprettingsnøkkel {fingerprint}; malene inneholder bare den offentlige delen, og kontrollfunksjonen setter ethvert objekt som ikke er pakket inn for den, i karantene. Går hovednøkkelen (nøkkelfil eller HSM) tapt, går ingen data tapt bare så lenge kunden beholder gjenopprettingsnøkkelens private del: hvor og av hvem den oppbevares, skal den behandlingsansvarlige dokumentere, og er den ikke beholdt, går hvert objekt tapt med hovednøkkelen.',
  'recovery.missing':
    '**Ingen gjenopprettingsnøkkel er konfigurert.** Leietakerens hovednøkkel (nøkkelfil eller HSM) er den eneste nøkkelen: går den tapt, går hvert objekt som er kryptert under den tapt. Opplastinger krever at --no-recovery angis eksplisitt. Konfigurer tenants[].clientSide.recoveryPublicKey (se suverens veiledning om nøkler for kryptering på klientsiden).',

  'xks.heading': 'Eksternt nøkkellager',
  'xks.store': '**Eksternt nøkkellager** `{name}`{where}: {reach}; leietakerens nøkkel er `{keyId}` i kundens HSM.',
  'xks.where': ' (stack `{stack}`, konto {account})',
  'xks.reach.vpc': 'KMS når kundens proxy på `{endpoint}` via en VPC-endepunkttjeneste som bare KMS kan bruke',
  'xks.reach.public': 'KMS når kundens proxy på `{endpoint}` via **et offentlig endepunkt, over internett**',
  'xks.notDeclared': '**ennå ikke deklarert** (trinn 1: proxyens påloggingsopplysning er ikke konfigurert, så KMS kan ikke bruke nøkkelen)',
  'xks.keyOriginScp': 'En SCP for nøkkelopprinnelse lar KMS opprette bare nøkler i eksterne nøkkellagre i den kontoen.',
  'xks.noKeyOriginScp': '**Ingen SCP for nøkkelopprinnelse er knyttet til lagerets konto.**',
  'xks.killSwitch': 'Nødstopp.',
  'xks.killSwitch.bucketKeys':
    'Når kundens proxy forsegles, avviser KMS all videre kryptering og dekryptering under nøkkelen, men **S3 Bucket Keys er slått på**: S3 fortsetter å bruke en hurtigbufret nøkkel på bøttenivå i et tidsrom AWS ikke oppgir, så forseglingen virker først når den bufferen utløper.',
  'xks.killSwitch.sealed':
    'Når kundens proxy forsegles (`suveren xks-proxy seal` eller flaggfilen), avviser den all kryptering og dekryptering fra og med neste forespørsel: proxyen leser flagget ved hver forespørsel. S3 Bucket Keys er slått av for dette nivået, så hver skriving og lesing av et objekt spør KMS, som spør proxyen: når den er forseglet, skrives eller leses ingen objekter under nøkkelen. Forespørsler der nøkkelen allerede var dekryptert før forseglingen, fullføres, og det som allerede er lest, kan ikke kalles tilbake. Så lenge proxyen ikke er forseglet, kan AWS fortsatt tvinges til å bruke nøkkelen; proxyens revisjonslogg registrerer hver bruk.',
  'xks.alarms': '**Alarmer på lageret** (KMS XKS-målinger):',
  'xks.noAlarms': '**Ingen alarmer på lageret.**',

  'annex.heading': 'Teknisk vedlegg til den behandlingsansvarliges vurdering',
  'annex.intro':
    'Hvem som teknisk kan nå klartekst, nøkler eller metadata på dette nivået. Sannsynlighet, konsekvens, restrisiko og aksept lages ikke her: den behandlingsansvarlige dokumenterer dem i sin egen sak.',
  'annex.kind.us-law-enforcement':
    'Amerikanske politi- og påtalemyndigheters tilgang: Stored Communications Act (18 U.S.C. 2701 ff.), endret ved CLOUD Act (2018)',
  'annex.kind.us-intelligence':
    'Amerikansk etterretningstilgang: FISA seksjon 702 (50 U.S.C. 1881a) og Executive Order 12333, slik den er avgrenset av Executive Order 14086 (2022)',
  'annex.kind.hostile-state':
    'Trusler fra fremmede stater slik de nasjonale trusselvurderingene beskriver dem (innbrudd i kundens eller leverandørens systemer, innsidere): ikke et rettslig pålegg, men en sikkerhetstrussel',
  'annex.metadata':
    'Metadata er alltid innenfor leverandørens rekkevidde: objektnøkler, størrelser, tidspunkter, leietakerens konto og region og CloudTrails registrering av hvert kall.',
  'annex.standard.us-law-enforcement':
    'Leverandøren oppbevarer nøkkelmaterialet i sine egne HSM-er og drifter tjenestene som dekrypterer, så et pålegg til leverandøren kan teknisk nå klartekst.',
  'annex.standard.us-intelligence':
    'Samme tekniske rekkevidde som over: klartekst via leverandørens tjenester og nøkkelmateriale, og metadata. Slik tilgang trenger ikke å bli gjort kjent for kunden.',
  'annex.standard.hostile-state':
    'En inntrenger som tar kontroll over en leietakerrolle med lesetilgang, eller over leverandørens infrastruktur, når klartekst; revisjonssporet og alarmen for kall utenfor tillatte regioner registrerer bruk av leietakerens roller og nøkkel.',
  'annex.hsm.us-law-enforcement':
    'Nøkkelen kan ikke eksporteres fra kundens CloudHSM-klynge, men så lenge nøkkellageret er tilkoblet, dekrypterer leverandørens tjenester på forespørsel, så et pålegg til leverandøren kan teknisk nå klartekst gjennom tjenesten; når den kryptoansvarlige kobler fra lageret, dekrypteres ingenting.',
  'annex.hsm.us-intelligence': 'Samme tekniske rekkevidde som over så lenge nøkkellageret er tilkoblet, uten at kunden varsles; ikke selve nøkkelmaterialet.',
  'annex.hsm.hostile-state':
    'Som for standard, og i tillegg HSM-klyngens påloggingsopplysninger for den kryptoansvarlige og passordet til kmsuser: den som har dem, styrer nøkkellageret.',
  'annex.external.us-law-enforcement':
    'Nøkkelen forblir i kundens HSM i kundens egne lokaler. Så lenge kundens proxy ikke er forseglet, kan leverandørens tjenester dekryptere objekter gjennom den (hver bruk skrives i kundens egen revisjonslogg i proxyen); når den er forseglet, dekrypteres ingenting.',
  'annex.external.us-intelligence':
    'Samme tekniske rekkevidde som over så lenge proxyen ikke er forseglet; hver bruk passerer likevel kundens proxy og loggen dens, som leverandøren ikke kan endre.',
  'annex.external.hostile-state':
    'Som for standard, og i tillegg kundens lokaler: HSM-en, proxyens vert og påloggingsopplysningen dens, og den som kan forsegle eller åpne proxyen.',
  'annex.client-side.us-law-enforcement':
    'Leverandøren lagrer bare chiffertekst som er laget i kundens lokaler; den har verken nøkkelen eller klartekst, så et pålegg til leverandøren kan nå chiffertekst og metadata, ikke innhold.',
  'annex.client-side.us-intelligence': 'Det samme: chiffertekst og metadata, ikke innhold eller nøkler.',
  'annex.client-side.hostile-state':
    'Nøklene og klarteksten er i kundens lokaler (nøkkelfiler, HSM-en, den frakoblede gjenopprettingsnøkkelen): det er der, ikke hos leverandøren, innholdet kan nås.',
  'annex.assessment.label': 'Den behandlingsansvarliges vurdering:',
  'annex.assessment.provided': 'saksnummer {reference}, besluttet {date}, beslutningstaker: {role}',
  'annex.assessment.missing': 'ikke oppgitt (konfigurasjonen `tenants[].assessment`)',
  'annex.providerFacts': '**Opplysninger om leverandøren som den behandlingsansvarlige selv må bekrefte** (suveren fyller ikke inn noen):',
  'annex.providerFact': '{fact}: ikke oppgitt. Kilde: {source}.',
  'providerFact.entity': 'Hvilken AWS-enhet avtalen inngås med',
  'providerFact.entity.source': 'AWS Customer Agreement og kontoens faktureringsenhet (AWS-konsollen, kontoinnstillinger)',
  'providerFact.dpa': 'Databehandleravtalen (AWS GDPR Data Processing Addendum): versjon og dato',
  'providerFact.dpa.source': 'AWS GDPR Data Processing Addendum, som er en del av AWS Service Terms',
  'providerFact.subprocessors': 'Datoen for listen over underdatabehandlere som legges til grunn',
  'providerFact.subprocessors.source': "AWS' publiserte liste over underdatabehandlere (aws.amazon.com/compliance/sub-processors)",
  'providerFact.mechanism':
    'Overføringsgrunnlaget for en eventuell overføring: sertifisering etter Data Privacy Framework eller standard personvernbestemmelser',
  'providerFact.mechanism.source':
    'listen over organisasjoner sertifisert etter Data Privacy Framework (dataprivacyframework.gov) og standard personvernbestemmelser i databehandleravtalen',
  'providerFact.support': 'Hvor support- og driftspersonell kan nå dataene fra',
  'providerFact.support.source': 'databehandleravtalen og leverandørens svar til den behandlingsansvarlige',

  'org.heading': 'Sikkerhetsregler i organisasjonen',
  'org.partition': 'Partisjon: `{name}`; ressurskontrollpolicy (RCP): {rcp}.',
  'org.assumed': '**Antatt tilgjengelig i konfigurasjonen** (`organization.assumeAvailable`), sammenholdt med suverens partisjonstabell:',
  'org.assumedItem': '`{capability}`: {description}; tabellen sier **{table}** ({source})',
  'org.noRcp': '**Ingen ressurskontrollpolicy i denne partisjonen.** Dataperimeteren hviler på disse kompenserende tiltakene:',
  'org.compensating.perimeter': '{count} av {total} data- og karantenebøtter avviser datatilgang for alle unntatt leietakerens egne roller',
  'org.compensating.tls': '{count} av {total} data- og karantenebøtter avviser forespørsler uten TLS',
  'org.compensating.keys':
    '{count} av {total} datanøkler navngir hver identitet i nøkkelpolicyen, uten noen setning (statement) som lar en kontos IAM gi tillatelse til å bruke dem',
  'org.compensating.scps':
    '{count, plural, one {{count} SCP hindrer} other {{count} SCP-er hindrer}} medlemskontoer i å endre eierne av disse policyene: suverens roller og funksjoner, revisjonssporet, nøkler i én region og S3 Block Public Access er beskyttet',
  'org.residualGap.label': 'Gjenstående hull.',
  'org.residualGap':
    '{partition} har ingen ressurskontrollpolicyer. En RCP ville på ett sted, for hver medlemskonto, avvise enhver forespørsel fra en identitet utenfor organisasjonen og enhver forespørsel uten TLS mot ressurser i S3, KMS, STS, Secrets Manager og SQS. Her avhenger hver av disse avvisningene av ressursens egen policy: en bøtte, nøkkel, rolle, post i Secrets Manager eller kø som er opprettet utenfor suverens stacker, har ingen av dem, og en som får policyen endret av noen som har lov til det (utrullingsrollen, nødtilgang), mister dem. SCP-ene kan ikke erstatte dette: de binder bare organisasjonens egne identiteter, aldri en utenforstående.',
  'org.noPolicies': 'Ingen organisasjonspolicyer i sammenstillingen.',
  'org.column.policy': 'policy',
  'org.column.type': 'type',
  'org.column.attachedTo': 'knyttet til',
  'org.column.purpose': 'formål (sitert)',
  'org.trail':
    'Revisjonsspor: organisasjonens revisjonsspor {organization}, alle regioner {allRegions}, validering av loggfiler {validation}, KMS-kryptert {encrypted}, Object Lock i arkivet: {objectLock}.',
  'org.noTrail': 'Revisjonsspor: **ingen i sammenstillingen**.',
  'org.alarm': 'Alarmen `{name}` når {recipients}.',
  'org.alarmNobody': 'Alarmen `{name}` når **ingen**: emnet har ingen abonnent (konfigurasjonen `notifications.audit`).',

  'deploy.heading': 'Utrulling',
  'deploy.none': 'Ingen pipeline i sammenstillingen: landingssonen rulles ut manuelt (se suverens veiledning om utrulling).',
  'deploy.pipeline': '`{stack}` i konto {account}, {region}: CodePipeline {type}, kjøremodus {mode}. Kilde: {source}.',
  'deploy.source.s3':
    'et utgivelsesobjekt ({key}) i pipelinens utgivelsesbøtte, som avviser skriving fra alle unntatt identitetene som kan publisere utgivelser',
  'deploy.source.connection': 'kodelageret {repository}, grenen {branch}, via AWS CodeConnections',
  'deploy.source.other': 'en kilde av typen {provider}',
  'deploy.stages': 'Trinn: {stages}.',
  'deploy.stageActions': '{name} ({count, plural, one {{count} utrullingshandling} other {{count} utrullingshandlinger}})',
  'deploy.approval': 'Godkjenningen `{action}` åpner trinnet {stage}; varsles: {approvers}',
  'deploy.lastDeployed': 'Sist utrullede sammenstilling: {where}.',
  'deploy.baseline.kept':
    'pipelinens referansebøtte ({bucket}), under deployed/: hver stacks mal slik den sist ble rullet ut, skrevet når stackens utrulling lykkes; hver kjøring planlegges mot den før godkjenningen',
  'deploy.baseline.none': 'lagres ikke: malen deklarerer ingen referansebøtte',

  'runtime.heading': 'Samsvar i drift (AWS Config)',
  'runtime.notRead':
    'Ikke lest inn i denne rapporten: `suveren conformance` legger til hva AWS Config rapporterer om den utrullede landingssonen (se suverens veiledning om kontrollene i AWS Config).',
  'runtime.read': 'Lest fra aggregatoren `{aggregator}` ({region}) {readAt}: {counts}.',
  'runtime.noResult': '**Ingen resultater** for: {tenants}.',
  'runtime.column.who': 'leietaker eller konto',
  'runtime.column.rule': 'regel',
  'runtime.column.controls': 'kontroller',
  'runtime.column.compliance': 'samsvar',
  'runtime.column.noncompliant': 'i strid med regelen',
  'runtime.since': 'siden {time}',

  'findings.heading': 'Funn',
  'findings.none': 'Ingen åpne funn.',
  'findings.column.pack': 'regelpakke',
  'findings.column.rule': 'regel',
  'findings.column.severity': 'alvorlighetsgrad',
  'findings.column.resources': 'ressurser',
  'findings.column.description': 'beskrivelse (sitert)',
  'acknowledgments.heading': 'Godtatte avvik',
  'acknowledgments.column.stack': 'stack',
  'acknowledgments.column.construct': 'konstruksjon',
  'acknowledgments.column.reason': 'begrunnelse (sitert)',

  'legal.heading': 'Hva hvert nivå gjør, og hvilke regler det er relevant for',
  'legal.tier.plaintext': 'Nivå `{tier}`: klartekst er tilgjengelig for leverandøren',
  'legal.tier.noPlaintext': 'Nivå `{tier}`: leverandøren har aldri klartekst eller nøkkelen',
  'legal.keyCustody': 'Nøkkelforvaring: {custody}.',
  'legal.technicallyPossible.label': 'Hva som fortsatt er teknisk mulig.',
  'legal.measures.label': 'Tiltak.',
  'legal.edpb.label': 'EDPBs anbefalinger 01/2020.',
  'legal.nist.label': 'NIST SP 800-53, revisjon 5.',
  'tier.standard.custody': 'kundeforvaltet nøkkel i AWS KMS, én per leietaker',
  'tier.hsm.custody':
    'en egen KMS-nøkkel i et tilpasset nøkkellager på en CloudHSM-klynge som er dedikert til nøkkelforvaringskontoen og deles av dens hsm-leietakere (FIPS 140-3 nivå 3)',
  'tier.external.custody': 'KMS-nøkkel i et eksternt nøkkellager: nøkkelmaterialet forblir i kundens egen HSM, som nås via XKS-proxyen kunden drifter',
  'tier.client-side.custody': 'AWS Encryption SDK i kundens egne lokaler; nøkkelen forlater dem aldri',
  'measure.region':
    'Bøtter og nøkler opprettes bare i de tillatte EU-regionene: det håndheves ved syntese (regionsperren), med SCP for hvert verktøy og overvåkes av en alarm på organisasjonens revisjonsspor. Hvor data lagres, avgjør ikke alene om personopplysninger overføres til en tredjestat, siden også en leverandørs tilgang fra en tredjestat kan være en overføring (EDPBs retningslinjer 05/2021): det er den behandlingsansvarliges vurdering etter personvernforordningen artikkel 44–49.',
  'measure.tls':
    'TLS 1.2 eller nyere for hver forespørsel, håndhevet av bøttens policy og av dataperimeterens RCP der partisjonen har ressurskontrollpolicyer (relevant for personvernforordningen artikkel 32 nr. 1 bokstav a og artikkel 5 nr. 1 bokstav f).',
  'measure.separation':
    'Egen bøtte, nøkkel og roller per leietaker: hver behandlingsansvarligs data holdes adskilt av egen nøkkelpolicy og bøttepolicy (relevant for personvernforordningen artikkel 25 og artikkel 28 nr. 3 bokstav c).',
  'measure.trail':
    'Organisasjonens revisjonsspor med validering av loggfiler, i et arkiv med Object Lock: hvilken identitet som brukte hvilken nøkkel og hvilket objekt, registreres, og endringer i registreringen kan oppdages (relevant for personvernforordningen artikkel 5 nr. 2 og artikkel 32 nr. 1 bokstav d).',
  'measure.standard.key':
    'Kundeforvaltet KMS-nøkkel per leietaker, som bare kan brukes via S3 i de tillatte regionene, med administratorer adskilt fra brukere (relevant for personvernforordningen artikkel 32 nr. 1 bokstav a).',
  'measure.hsm.key':
    'Leietakerens egen KMS-nøkkel i et tilpasset nøkkellager på nøkkelforvaringskontoens CloudHSM-klynge, som deles av dens hsm-leietakere (FIPS 140-3 nivå 3); kundens kryptoansvarlige styrer HSM-brukerne og kan koble fra nøkkellageret, hvoretter ingen objekter kan dekrypteres (relevant for personvernforordningen artikkel 32 nr. 1 bokstav a).',
  'measure.external.key':
    'KMS-nøkkel i et eksternt nøkkellager: nøkkelen forblir i kundens HSM i kundens lokaler, hver bruk godkjennes av proxyens policy per nøkkel (bare S3 i de tillatte regionene, bare leietakerens roller) og skrives i kundens egen revisjonslogg, og forsegling av proxyen stanser all dekryptering til kunden åpner den igjen (relevant for personvernforordningen artikkel 32 nr. 1 bokstav a og b).',
  'measure.external.bucketKeys':
    'S3 Bucket Keys er slått av for dette nivået, så hver skriving og lesing av et objekt når kundens proxy: revisjonsloggen ser hvert objekt, og en forsegling forsinkes ikke av en hurtigbufret bøttenøkkel.',
  'measure.client-side.key':
    'Kryptering hos klienten med en nøkkel som oppbevares i kundens lokaler (bindende algoritmesett, krypteringskontekst som binder leietaker og objekt), med SSE-KMS som andre lag (relevant for personvernforordningen artikkel 32 nr. 1 bokstav a og artikkel 34 nr. 3 bokstav a).',
  'possible.standard':
    'AWS oppbevarer nøkkelmaterialet (i HSM-er som AWS drifter) og behandler klartekst i minnet når S3 krypterer og dekrypterer. En leverandør som pålegges etter en tredjestats lov (f.eks. amerikanske CLOUD Act), kunne teknisk sett tvinges til å dekryptere. Nøkkelpolicyer, CloudTrail og avtaleforpliktelser begrenser og synliggjør dette, men forhindrer det ikke.',
  'possible.hsm':
    'Nøkkelen er i en CloudHSM-klynge som ingen annen AWS-kunde bruker (delt av nøkkelforvaringskontoens hsm-leietakere, hver med egen nøkkel) der kunden er kryptoansvarlig, men S3 og KMS behandler fortsatt klartekst i leverandørens infrastruktur ved kryptering og dekryptering. En leverandør under pålegg kan ikke ta ut nøkkelen, men kunne fortsatt behandle data mens de brukes.',
  'possible.external':
    'Nøkkelmaterialet kommer aldri inn i AWS: hver kryptering og dekryptering av en datanøkkel utføres av kundens egen HSM, via XKS-proxyen kunden drifter. Men så lenge nøkkellageret er tilkoblet, behandler S3 og KMS fortsatt klartekst i leverandørens infrastruktur, og en leverandør under pålegg kunne få S3 til å dekryptere objekter gjennom kundens proxy uten kundens samtykke: XKS hindrer at nøkkelen tas ut, ikke tvungen bruk. Forsegling av proxyen (nødstoppet) eller frakobling av lageret stanser all videre dekryptering, men først fra det øyeblikket: det som allerede er dekryptert, kan ikke gjøres om, og kunden må oppdage behovet for å handle (proxyens revisjonslogg registrerer hver bruk).',
  'possible.client-side':
    'Leverandøren lagrer bare chiffertekst som er laget i kundens lokaler med AWS Encryption SDK; nøkkelen når aldri AWS. En leverandør under pålegg kan utlevere chiffertekst og metadata (objektnøkler, størrelser, tidspunkter), ikke innhold.',
  'edpb.standard':
    'Leverandørens tjenester behandler dataene i klartekst: S3 og KMS krypterer og dekrypterer i leverandørens infrastruktur, med nøkkelmateriale som AWS oppbevarer. EDPBs anbefalinger 01/2020 (versjon 2.0) beskriver dette som brukstilfelle 6, der EDPB ikke kunne se for seg et effektivt teknisk tiltak. Om dette har betydning for leietakerens data (om det skjer en overføring, risikoen ved den og hva taushetsplikten for opplysningene krever), er den behandlingsansvarliges vurdering; en klassifisering i suveren besvarer ikke det spørsmålet.',
  'edpb.hsm':
    'Klartekst er tilgjengelig for leverandørens tjenester mens S3 og KMS krypterer og dekrypterer (situasjonen i EDPBs anbefalinger 01/2020, versjon 2.0, brukstilfelle 6). Nøkkelen kan ikke forlate HSM-klyngen kunden styrer, og kundens kryptoansvarlige kan stanse all dekryptering. Om disse forholdene er tilstrekkelige for leietakerens data, er den behandlingsansvarliges vurdering.',
  'edpb.external':
    'Klartekst er tilgjengelig for leverandørens tjenester mens S3 og KMS krypterer og dekrypterer, via kundens proxy (situasjonen i EDPBs anbefalinger 01/2020, versjon 2.0, brukstilfelle 6). Nøkkelen kommer aldri inn i AWS, hver bruk står i kundens revisjonslogg, og kunden kan stanse all dekryptering på én gang. Om disse forholdene er tilstrekkelige for leietakerens data, og om tvungen bruk under behandlingen er akseptabel, er den behandlingsansvarliges vurdering; nivået client-side er det der leverandøren aldri behandler klartekst.',
  'edpb.client-side':
    'Leverandøren lagrer bare chiffertekst som er laget i kundens lokaler, og nøkkelen når aldri AWS. Dette er vilkårene EDPBs anbefalinger 01/2020 (versjon 2.0) stiller i brukstilfelle 1 (lagring som ikke krever tilgang i klartekst, nøkler som beholdes under dataeksportørens kontroll i EU). Om de er oppfylt for den behandlingsansvarliges behandling, og hva metadataene leverandøren ser (objektnøkler, størrelser, tidspunkter) avslører, er den behandlingsansvarliges vurdering.',

  'controls.heading': 'Kontroller og reglene de er relevante for',
  'controls.intro':
    'Hver kontroll suveren utfører, før utrulling (cdk-nag-reglene og regionsperren) eller i drift (AWS Config), med bestemmelsene og veiledningen den er relevant for. Relevant betyr ikke oppfylt: om en bestemmelse er oppfylt for behandlingen, er den behandlingsansvarliges vurdering.',
  'controls.column.control': 'kontroll',
  'controls.column.checks': 'hva den kontrollerer',
  'controls.column.relevantTo': 'relevant for',
  'controls.entry': '{source}, {provision}',
  'controls.provisionUnverified': '(nummeret er hentet fra en sekundærkilde og ikke kontrollert)',
  'controls.kind.synth': 'før utrulling',
  'controls.kind.runtime': 'i drift, AWS Config',
  'controls.kind.report': 'vist av denne rapporten',
  'control.Suveren-S1': 'Hver bøttes standardkryptering er SSE-KMS under en kundeforvaltet nøkkel.',
  'control.Suveren-S2': 'Bøttens policy avviser forespørsler uten TLS og med TLS eldre enn 1.2.',
  'control.Suveren-S3': 'Bøttens policy avviser en opplasting under en annen kryptering eller en annen nøkkel enn bøttens egen.',
  'control.Suveren-KMS1': 'KMS-nøkler med nøkkelmateriale AWS har generert, roteres automatisk.',
  'control.Suveren-KMS2': 'KMS-nøkler er i én region: ingen kopi av en nøkkel i en annen region.',
  'control.Suveren-CWL1': 'Logggrupper krypteres under en kundeforvaltet nøkkel og har en lagringstid.',
  'control.Suveren-L1': 'Funksjoner med miljøvariabler krypterer dem under en kundeforvaltet nøkkel.',
  'control.Suveren-L2': 'Funksjoner som S3 kaller, har en kø for ubehandlede meldinger (dead-letter queue), slik at ingen mislykket kontroll går tapt.',
  'control.Suveren-CT1': 'Revisjonssporet validerer loggfiler, krypteres under en kundeforvaltet nøkkel og registrerer alle regioner.',
  'control.Suveren-CT2': 'Revisjonssporets arkivbøtte har S3 Object Lock i samsvarsmodus med en standard lagringstid.',
  'control.Suveren-EDGE1':
    'Ingen ressurser som behandler data i nettverkets ytterkant eller globalt (CloudFront, Global Accelerator, Multi-Region Access Points, S3 Transfer Acceleration).',
  'control.Suveren-REGION1': 'Hver stack er i en tillatt region; en region som ikke er fastsatt, avvises.',
  'control.Suveren-REGION2': 'Ingen KMS-nøkkel for flere regioner og ingen replikanøkkel.',
  'control.Suveren-REGION3': 'Ingen replikering til en region utenfor listen over tillatte regioner, eller til en som ikke kan dokumenteres.',
  'control.Suveren-RT-REGION': 'Hver utrullet bøtte og nøkkel er i en tillatt region, og ingen nøkkel er en flerregionsnøkkel.',
  'control.Suveren-RT-S3-SSEC': 'Den utrullede bøttepolicyen avviser opplastinger med en nøkkel kunden leverer selv (SSE-C).',
  'control.Suveren-RT-S3-BUCKETKEY': 'S3 Bucket Keys er innstilt slik nivået tilsier: slått på, unntatt for nivået external.',
  'control.Suveren-RT-S3-VERSIONING': 'Versjonering er slått på, slik at et godkjent objekt aldri går tapt ved overskriving eller sletting.',
  'control.Suveren-RT-S3-PUBLIC': 'Bøttens sperre mot offentlig tilgang er slått på, alle fire innstillingene.',
  'control.Suveren-RT-KMS-ROOT': 'Ingen utrullet nøkkelpolicy gir en kontos rot alle KMS-handlinger.',
  'control.Suveren-RT-KMS-DELETION': 'Ingen nøkkel er planlagt slettet.',
  'control.Suveren-RT-CUSTODY-SECRET':
    'Policyen for en påloggingsopplysning for nøkkelforvaring lar bare nøkkelhåndtereren og den kryptoansvarlige lese den, og bare plattformen endre den.',
  'control.Suveren-CUSTODY': 'Hver leietakers datanøkkel oppbevares slik nivået tilsier, ifølge leietakerens mal.',
  'control.Suveren-SEPARATION':
    'Hver leietaker har egen nøkkel, bøtte og roller; tilgangsmatrisen viser hvem som kan skrive, lese, dekryptere, slette og endre innstillinger.',
  'control.Suveren-ANNEX': 'Det tekniske vedlegget: hvem som teknisk kan nå klartekst, nøkler eller metadata på hver leietakers nivå.',
  'control.Suveren-SCOPE': 'suverens klassifiseringer er dataklasser, ikke sikkerhetsgraderinger; sikkerhetsgradert informasjon er utenfor virkeområdet.',
  'provision.article': 'artikkel {article}',
  'provision.articleParagraph': 'artikkel {article} nr. {paragraph}',
  'provision.articlePoint': 'artikkel {article} nr. {paragraph} bokstav {point}',
  'provision.articles': 'artikkel {from}–{to}',
  'provision.useCase': 'brukstilfelle {number}',
  'provision.measure': 'tiltak {number}',
  'provision.principle': 'prinsipp {number}',
  'provision.clause': 'klausul {number}',
  'provision.chapter': 'kapittel {number}',
  'provision.whole': 'hele teksten',
  'provision.whereItBinds': 'der den binder den behandlingsansvarlige',
  'provision.outOfScope': 'virkeområde: informasjon den omfatter, er utenfor plattformens virkeområde',
  'provision.ifReliedOn': 'hvis det er overføringsgrunnlaget som legges til grunn',
  'jurisdiction.eu': 'EU og EØS',
  'jurisdiction.se': 'Sverige',
  'jurisdiction.no': 'Norge',
  'jurisdiction.us': 'USA',
  'sourceNote.gdpr': 'Tittelen og henvisningen til EU-tidende ble lest i kopier av Den europeiske unions tidende, ikke på EUR-Lex.',
  'sourceNote.edpb-recommendations-01-2020': 'Versjon 2.0, vedtatt 18. juni 2021, ble lest i en kopi av EDPBs pdf, ikke på edpb.europa.eu.',
  'sourceNote.edpb-guidelines-05-2021': 'Versjon 2.0, vedtatt 14. februar 2023, ble lest i sekundærkilder, ikke på edpb.europa.eu.',
  'sourceNote.dpf-appeal-latombe':
    'Retten frifant Kommisjonen 3. september 2025; anken C-703/25 P ble inngitt 31. oktober 2025 (EUR-Lex). Om saken fortsatt verserer, er ikke kontrollert hos EU-domstolen.',
  'sourceNote.se-osl-10-2a': 'Gjelder fra 1. juli 2023 (eSam, esamverka.se); ordlyden ble lest i sekundærkilder, ikke på riksdagen.se.',
  'sourceNote.se-lag-2020-914': 'Gjelder fra 1. januar 2021 (prop. 2019/20:201 på rkrattsbaser.gov.se); tittelen ble lest i prop. 2022/23:97.',
  'sourceNote.se-esam-utkontraktering-2023': 'eSams nyhetssak av 21. juni 2023 ble lest; dokumentets egen tittel og ES-nummer ble ikke funnet.',
  'sourceNote.se-msbfs-2020-6':
    'Gjelder fra 1. oktober 2020 (msb.se). Om forskriften fortsatt gjelder etter den svenske cybersikkerhetsloven av 2026 og etter at MSB ble Myndigheten för civilt försvar, er ikke kontrollert.',
  'sourceNote.se-msbfs-2020-7':
    'Gjelder fra 1. oktober 2020 (msb.se). Om forskriften fortsatt gjelder etter den svenske cybersikkerhetsloven av 2026 og etter at MSB ble Myndigheten för civilt försvar, er ikke kontrollert.',
  'sourceNote.se-sakerhetsskyddslag-2018-585': 'Utstedt 24. mai 2018, i kraft 1. april 2019, ifølge sekundærkilder, ikke lest på riksdagen.se.',
  'sourceNote.no-nsm-grunnprinsipper-2-0':
    'Versjon 2.0 (april 2020) og prinsipp 2.7 med tiltakene ble lest på nsm.no; numrene på prinsipp 2.6 og 3.2 kommer fra sekundærkilder.',
  'sourceNote.no-dfo-schrems-ii': 'Siden ble lest; den nøyaktige tittelen og datoen ble ikke bekreftet.',
  'sourceNote.no-datatilsynet-overforing': 'Tittel og adresse lest på datatilsynet.no; veiledningen har verken versjon eller dato.',
  'sourceNote.no-sikkerhetsloven': 'Proposisjonen (Prop. 153 L (2016–2017)) ble lest på regjeringen.no; lovens nummer og dato kommer fra sekundærkilder.',
  'sourceNote.us-eo-14086': 'Siden i Federal Register ble ikke lest da oppføringen ble kontrollert, heller ikke om ordren fortsatt gjelder uendret.',
  'sourceNote.us-fisa-702':
    'Section 702 ble forlenget i april 2024 for to år; om den er forlenget igjen eller har falt bort, er ikke kontrollert: kontroller i U.S. Code før dere bygger på den.',
  'sourceNote.us-cloud-act':
    'Siden i U.S. Code ble ikke lest da oppføringen ble kontrollert: kontroller paragrafens gjeldende tekst der før dere bygger på den.',
  'sourceNote.dpf-decision-2023-1795':
    'Lenken er beslutningens egen side på EUR-Lex (CELEX 32023D1795). Tittel og dato stemmer med kopier av beslutningen; siden på EUR-Lex og henvisningen til EUT ble ikke lest da oppføringen ble kontrollert.',
  'sources.heading': 'Kilder',
  'sources.intro': 'Hver kilde kartleggingen viser til, med datoen suveren sist kontrollerte den mot utstederens egen publisering.',
  'sources.column.source': 'kilde',
  'sources.column.issuer': 'utsteder',
  'sources.column.version': 'versjon',
  'sources.column.date': 'dato',
  'sources.column.checked': 'kontrollert',
  'sources.column.status': 'status',
  'sources.verified': 'tittel, versjon og dato kontrollert mot utstederens publisering',
  'sources.unverified': '**ikke kontrollert** mot utstederens publisering: kontroller før den legges til grunn',
  'sources.guidance': 'veiledning: en side uten egen betegnelse, lest på utstederens nettsted; den kan ikke kontrolleres slik en lovtekst kan',
  'sources.noVersion': '—',

  'limits.heading': 'Hva rapporten ikke kan vise',
  'limit.organizational':
    'Organisatoriske tiltak: bakgrunnssjekk av personell, rutiner for tilgang, hendelseshåndtering og hvilke personer som har påloggingsopplysninger for nødtilgang.',
  'limit.contract':
    "Avtalen: databehandleravtalen med AWS (personvernforordningen artikkel 28), AWS' egne underdatabehandlere og overføringsgrunnlaget som er valgt for en eventuell gjenstående overføring.",
  'limit.ceremonies':
    'Nøkkelseremonier: hvem som har generert og oppbevarer nøkler for kryptering hos klienten, den frakoblede rotsertifikatutstederen og påloggingsopplysningene til CloudHSMs kryptoansvarlige, og hvordan de sikkerhetskopieres og destrueres.',
  'limit.xksCustomerSide':
    "Kundens side av et eksternt nøkkellager: HSM-en, verten for XKS-proxyen og TLS-sertifikatet dens, forbindelsen via Direct Connect eller VPN, og hvem som kan forsegle proxyen; malene viser bare AWS' side.",
  'limit.hsmManual':
    'Manuelle trinn i CloudHSM (signering av klyngens sertifikatforespørsel, aktivering, oppretting av kryptobrukeren kmsuser): malene kan ikke vise at de er utført, eller utført av de rette personene.',
  'limit.deployed':
    'Hva som er rullet ut: rapporten beskriver de syntetiserte malene, altså hva `cdk deploy` ville opprette; avvik etter utrulling krever AWS Config eller en ny sammenligning.',
  'limit.evaluator':
    "Tilgangsmatrisen beregnes av en evaluator for IAM-policyer ut fra de syntetiserte malene, ikke av AWS: den modellerer IAM-, bøtte-, nøkkel- og tillitspolicyer, SCP-er og RCP-en, men ikke sesjonspolicyer, tillatelsesgrenser satt utenfor suveren eller KMS-grants. For en HSM-basert nøkkel beholder rollen som oppretter nøkkelen kms:PutKeyPolicy, som KMS' kontroll mot utestenging krever når nøkkelen opprettes; IAM kan ikke styre innholdet i en policy, så det er SCP-beskyttelsen av nøkkelhåndtererens rolle og funksjon som hindrer en leietaker i å bruke den.",
  'limit.orgPrerequisites':
    'Forutsetninger i organisasjonen utenfor CloudFormation: aktiverte policytyper, delegert administrasjon av CloudTrail, nødtilgangsrollen i hver medlemskonto og hvilken organisasjonsenhet hver leietakerkonto ligger i.',
  'limit.legal':
    'Rettslige konklusjoner: om det skjer en overføring til en tredjestat, om tiltakene er tilstrekkelige for opplysningene, om opplysningene er underlagt taushetsplikt og hvilken risiko som er akseptabel. Den behandlingsansvarlige avgjør dem i sine egne vurderinger.',
};
