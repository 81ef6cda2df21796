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
  'summary.tenants': 'Kunder: {count}',
  'accessMatrix.computed': 'beregnet',
  'accessMatrix.notRequested': 'ikke beregnet: ikke bedt om',
  'accessMatrix.switchedOff': 'ikke beregnet: slått av ({switch}=off eller valget accessMatrix)',
  'accessMatrix.noEvaluator':
    'ikke beregnet: IAM-evaluatoren @cloud-copilot/iam-simulate er ikke installert (den er en utviklingsavhengighet som npm ci installerer)',
  'column.tenant': 'kunde',
  'column.name': 'navn',
  'column.classification': 'klassifisering',
  'column.tier': 'nivå',
  'column.region': 'region',
  'column.account': 'konto',
  'column.providerPlaintext': 'leverandøren kan se klartekst',

  'tenant.heading': 'Kunde {id}: {name}',
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

  'bucket.data': 'Databucket',
  'bucket.quarantine': 'Karantenebucket',
  'bucket.accessLog': 'Bucket for tilgangslogger',
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
  'bucket.keyPinned': 'opplastinger låst til bucketens nøkkel',
  'bucket.keyPinned.notApplicable': 'ikke relevant (ingen KMS-nøkkel)',
  'bucket.dataPrincipals': 'bare disse identitetene kan røre data',
  'bucket.configurationPrincipals': 'bare disse identitetene kan endre bucketens innstillinger',
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
  'key.trustsRoot': 'nøkkelpolicyen gir kontoens rot tillatelse (IAM kunne gi tillatelse til å bruke nøkkelen)',
  'key.users': 'Hvem som kan bruke nøkkelen:',
  'key.administrators': 'Hvem som kan administrere nøkkelen:',
  'key.via': '(bare via {services})',
  'custody.awsKms': 'AWS KMS (HSM-er som AWS drifter), kundeforvaltet nøkkel',
  'custody.awsKms.clientSide':
    'AWS KMS (HSM-er som AWS drifter), som andre lag. Det første laget, krypteringen i kundens egne lokaler, synes ikke i en mal: det er kontrollen av opplastinger, som avviser alt annet enn kundens chiffertekst, som viser at det er i bruk',
  'custody.awsKms.hsmPending': 'AWS KMS (HSM-er som AWS drifter): kundens CloudHSM-baserte nøkkel er ennå ikke i malen',
  'custody.external':
    'et eksternt nøkkellager i KMS (`{store}`): nøkkelmaterialet er kundens HSM-nøkkel `{xksKeyId}` i kundens egne lokaler, brukt via XKS-proxyen kunden drifter; opprinnelse EXTERNAL_KEY_STORE, én region. KMS kan ikke rotere den: nøkkelmaterialet roteres i HSM-en bak samme id (se suverens driftsinstruks for det eksterne nøkkellageret)',
  'custody.cloudhsm':
    'et tilpasset nøkkellager i KMS (`{store}`) på en CloudHSM-klynge som ingen annen AWS-kunde bruker, dedikert til nøkkelforvaringskontoen og delt av dens hsm-kunder, der kunden er kryptoansvarlig; opprinnelse AWS_CLOUDHSM, én region. Nøkler i et tilpasset nøkkellager kan ikke roteres automatisk, men roteres manuelt (se suverens driftsinstruks for HSM-klyngen)',
  'custody.unknown': 'et ukjent nøkkellager',

  // The reach graph (lib/reach)
  'reach.heading': 'Hvem kan nå klartekst (hver vei, beregnet av IAM-evaluatoren)',
  'reach.explain':
    'Hver prinsipal som kan nå kundens klartekst, selv eller i trinn (ved å anta en rolle, gi en rolle til en tjeneste, opprette et StackSet, starte et bygg, oppdatere en stakk eller en funksjon, skrive om en policy, la S3 kopiere dataene), med sin korteste vei og det som står i veien. Hvert trinn er en forespørsel IAM-evaluatoren tillot over de syntetiserte malene, med identitets- og ressurspolicyer, SCP-ene, RCP-en og tillatelsesgrenser ({principals, plural, one {{principals} prinsipal} other {{principals} prinsipaler}}, {evaluations, plural, one {{evaluations} forespørsel avgjort} other {{evaluations} forespørsler avgjort}}).',
  'reach.none': 'Ingen prinsipal i grafen når klartekst.',
  'reach.path': '{who}: {steps}.',
  'reach.replica':
    'Replikaen i {region} (bucket {bucket}), gjennomsøkt på samme måte fra de samme prinsipalene ({evaluations, plural, one {{evaluations} forespørsel avgjort} other {{evaluations} forespørsler avgjort}}): hvem som kan nå dens klartekst.',
  'reach.replicaNone': 'Ingen prinsipal i grafen når replikaens klartekst.',
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
  'reach.step.assign': 'tildeler tillatelsessettet for {to} i kundens konto til en bruker eller gruppe den styrer, og logger inn gjennom det',
  'reach.step.change-code': 'endrer koden i en funksjon som kjører som {to}',
  'reach.step.rewrite-trust': 'skriver om tillitspolicyen til {to} og antar den',
  'reach.step.rewrite-own-policy': 'gir seg selv flere tillatelser ved å skrive om sine egne policyer',
  'reach.end.decrypt': 'dekrypterer en kopi av de krypterte dataene (kms:Decrypt kalt direkte)',
  'reach.end.read': 'leser et godkjent objekt, som S3 dekrypterer for den',
  'reach.end.rewrite-key-policy': 'skriver om nøkkelpolicyen slik at den selv får dekryptere (via S3, eller en kopi av de krypterte dataene)',
  'reach.end.grant': 'oppretter en KMS-tillatelse (grant) for seg selv og dekrypterer (via S3, eller en kopi av de krypterte dataene)',
  'reach.end.rewrite-bucket-policy': 'skriver om bucketpolicyen slik at den selv får lese',
  'reach.end.re-encrypt': 'omkrypterer datanøklene under en nøkkel den selv har, og dekrypterer dem',
  'reach.end.replicate':
    'konfigurerer replikering av bucketen med en rolle S3 opptrer som, slik at S3 dekrypterer objektene og kopierer dem til en bucket den selv har',
  'reach.end.batch-copy':
    'starter en S3 Batch Operations-jobb med en rolle som får lese, slik at S3 dekrypterer objektene og kopierer dem til en bucket den selv har',
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
    'Ingen AWS-prinsipal når klartekst: objektene krypteres i kundens lokaler før opplasting, og S3 lagrer bare kryptert data. Klartekst er innen rekkevidde for den som har kundens nøkkel (nøkkelfil eller HSM-nøkkel) og dens frakoblede gjenopprettingsnøkkel, i lokalene.',
  'reach.cryptoUsers':
    'Utenfor IAM: den som har kryptobrukerens påloggingsopplysninger for klyngen `{cluster}` (kmsuser-passordet i Secrets Manager i nøkkelforvaringskontoen, som bare nøkkelhåndtereren og den kryptoansvarlige får lese) kan bruke nøklene i HSM-ene.',
  'access.directOnly': 'Tabellen nedenfor viser **bare direkte kall**: én forespørsel per prinsipal, ingen trinn. Veiene over er hva hver enkelt kan nå.',

  'access.heading': 'Hvem kan gjøre hva (beregnet av IAM-evaluatoren ut fra malene)',
  'access.explain':
    'Avgjort av IAM-evaluatoren ut fra de syntetiserte malene, med hver identitets IAM-policyer, bucketens og nøkkelens policyer, SCP-ene og RCP-en; administratorer har AdministratorAccess.',
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
    'PutObject av et nytt objekt under {prefix} med SSE-KMS under kundens nøkkel og kontrollmerket "{tag}" (med KMS-kallet S3 gjør på vegne av den som kaller)',
  'capability.read.meaning': 'GetObject av et objekt kontrollen har godkjent (med Decrypt som S3 gjør på vegne av den som kaller)',
  'capability.list-versions.meaning':
    'ListObjectVersions under {prefix}: hver versjons nøkkel, størrelse og dato, også ventende og slettede, uten innhold (det suveren export trenger)',
  'capability.decrypt.meaning': 'kms:Decrypt kalt direkte på kundens nøkkel, som med en kopiert chiffertekst',
  'capability.delete.meaning': 'DeleteObjectVersion: permanent sletting av en objektversjon',
  'capability.reconfigure.meaning': 'PutBucketPolicy på databucketen eller PutKeyPolicy på kundens nøkkel',
  'principal.deployRole': 'CDKs utrullingsrolle i konto {account}',
  'principal.cfnExec': 'CloudFormations kjørerolle i konto {account} (det hver utrulling kjører som)',
  'principal.outsider': 'en prinsipal utenfor organisasjonen (med AdministratorAccess i sin egen konto)',
  'principal.deploymentAdministrator': 'utrullingskontoens administrator (Suveren-Pipelines konto, betrodd etter designet)',
  'principal.managementAdministrator': 'administrasjonskontoens administrator (ingen SCP eller RCP binder den)',
  'principal.stackSetExecution': 'StackSets kjørerolle som AWS oppretter i konto {account} (stacksets-exec-*)',
  'principal.pipelineDeploy': 'Suveren-Pipelines utrullingsprosjekt ({name}), som kjører en utgitt endring',
  'principal.custodyRole': 'nøkkelforvaringskontoen: rollen {name}',
  'principal.tenantRole': 'kundens rolle {name}',
  'principal.externalKeyProvisioner': 'nøkkelforvaringskontoen: rollen som oppretter eksterne nøkler',
  'principal.hsmKeyProvisioner': 'nøkkelforvaringskontoen: rollen som oppretter HSM-nøkler',
  'principal.custodyBreakGlass': 'nøkkelforvaringskontoen: nødtilgangsrollen',
  'principal.custodyAdministrator': 'nøkkelforvaringskontoens administrator',
  'principal.deployment': 'plattformens utrullingsrolle (CloudFormation)',
  'principal.conformanceRule': 'rollen for AWS Configs samsvarsregler',
  'principal.breakGlass': 'nødtilgangsrollen',
  'principal.replicaAccountAdministrator': 'replikakontoens administrator',
  'principal.tenantAdministrator': 'kundekontoens administrator',
  'principal.identityCenterGroups':
    'medlemmer av IAM Identity Center-{count, plural, one {gruppen} other {gruppene}} {groups} (tillatelsessett {permissionSet})',
  'principal.identityCenterGroup': 'medlemmer av IAM Identity Center-gruppen {group} (tillatelsessett {permissionSet}, logget inn som {role})',
  'principal.identityCenterAdministrator': 'administrator for IAM Identity Center (delegert administratorkonto {account})',
  'principal.otherTenantAdministrator': 'en annen kundes administrator ({tenant})',

  'upload.none': 'Ingen kontroll av opplastinger er rullet ut: malen har ingen kontrollfunksjon. Objektene er beskyttet bare av bucketens policy.',
  'upload.triggered': 'Hvert nytt objekt kontrolleres av en kontrollfunksjon: SSE-KMS under kundens nøkkel.',
  'upload.notTriggered': '**Ingen hendelseskilde**: objektene kontrolleres ikke av kontrollfunksjonen, som ellers kontrollerer SSE-KMS under kundens nøkkel.',
  'upload.clientSide':
    'For dette nivået leser den i tillegg en melding fra AWS Encryption SDK (bindende algoritmesett, kundens og objektets krypteringskontekst, tillatte nøkkelleverandører) fra objektets første byte, uten å dekryptere.',
  'upload.quarantine': 'Godkjente objekter merkes; avviste versjoner kopieres til karantenebucketen `{bucket}` og slettes først deretter.',
  'upload.deadLetter': 'Mislykkede kontroller prøves på nytt og havner deretter i en kø for ubehandlede meldinger (dead-letter queue).',
  'upload.noDeadLetter': '**Ingen kø for ubehandlede meldinger (dead-letter queue).**',

  'recovery.configured':
    'Hvert objekt er også pakket inn (RSA-OAEP-SHA-256) for kundens frakoblede gjenopprettingsnøkkel {fingerprint}; malene inneholder bare den offentlige delen, og kontrollfunksjonen setter ethvert objekt som ikke er pakket inn for den, i karantene. Går hovednøkkelen (nøkkelfil eller HSM) tapt, går ingen data tapt bare så lenge kunden beholder gjenopprettingsnøkkelens private del: hvor og av hvem den oppbevares, skal den behandlingsansvarlige dokumentere, og er den ikke beholdt, går hvert objekt tapt med hovednøkkelen.',
  'recovery.missing':
    '**Ingen gjenopprettingsnøkkel er konfigurert.** Kundens hovednøkkel (nøkkelfil eller HSM) er den eneste nøkkelen: går den tapt, går hvert objekt som er kryptert under den tapt. Opplastinger krever at --no-recovery angis eksplisitt. Konfigurer tenants[].clientSide.recoveryPublicKey (se suverens veiledning om nøkler for kryptering på klientsiden).',

  'xks.heading': 'Eksternt nøkkellager',
  'xks.store': '**Eksternt nøkkellager** `{name}`{where}: {reach}; kundens nøkkel er `{keyId}` i kundens HSM.',
  'xks.where': ' (stack `{stack}`, konto {account})',
  'xks.reach.vpc': 'KMS når kundens proxy på `{endpoint}` via en VPC-endepunkttjeneste som bare KMS kan bruke',
  'xks.reach.public': 'KMS når kundens proxy på `{endpoint}` via **et offentlig endepunkt, over internett**',
  'xks.notDeclared': '**ennå ikke deklarert** (trinn 1: proxyens påloggingsopplysning er ikke konfigurert, så KMS kan ikke bruke nøkkelen)',
  'xks.keyOriginScp': 'En SCP for nøkkelopprinnelse lar KMS opprette bare nøkler i eksterne nøkkellagre i den kontoen.',
  'xks.noKeyOriginScp': '**Ingen SCP for nøkkelopprinnelse er knyttet til lagerets konto.**',
  'xks.killSwitch': 'Nødstopp.',
  'xks.killSwitch.bucketKeys':
    'Når kundens proxy forsegles, avviser KMS all videre kryptering og dekryptering under nøkkelen, men **S3 Bucket Keys er slått på**: S3 fortsetter å bruke en hurtigbufret nøkkel på bucketnivå i et tidsrom AWS ikke oppgir, så forseglingen virker først når den bufferen utløper.',
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
    'Metadata er alltid innenfor leverandørens rekkevidde: objektnøkler, størrelser, tidspunkter, kundens konto og region og CloudTrails registrering av hvert kall.',
  'annex.standard.us-law-enforcement':
    'Leverandøren oppbevarer nøkkelmaterialet i sine egne HSM-er og drifter tjenestene som dekrypterer, så et pålegg til leverandøren kan teknisk nå klartekst.',
  'annex.standard.us-intelligence':
    'Samme tekniske rekkevidde som over: klartekst via leverandørens tjenester og nøkkelmateriale, og metadata. Slik tilgang trenger ikke å bli gjort kjent for kunden.',
  'annex.standard.hostile-state':
    'En inntrenger som tar kontroll over en kunderolle med lesetilgang, eller over leverandørens infrastruktur, når klartekst; revisjonssporet og alarmen for kall utenfor tillatte regioner registrerer bruk av kundens roller og nøkkel.',
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
  'org.compensating.perimeter': '{count} av {total} data- og karantenebucketer avviser datatilgang for alle unntatt kundens egne roller',
  'org.compensating.tls': '{count} av {total} data- og karantenebucketer avviser forespørsler uten TLS',
  'org.compensating.keys':
    '{count} av {total} datanøkler navngir hver identitet i nøkkelpolicyen, uten noen setning (statement) som lar en kontos IAM gi tillatelse til å bruke dem',
  'org.compensating.scps':
    '{count, plural, one {{count} SCP hindrer} other {{count} SCP-er hindrer}} medlemskontoer i å endre eierne av disse policyene: suverens roller og funksjoner, revisjonssporet, nøkler i én region og S3 Block Public Access er beskyttet',
  'org.residualGap.label': 'Gjenstående hull.',
  'org.residualGap':
    '{partition} har ingen ressurskontrollpolicyer. En RCP ville på ett sted, for hver medlemskonto, avvise enhver forespørsel fra en identitet utenfor organisasjonen og enhver forespørsel uten TLS mot ressurser i S3, KMS, STS, Secrets Manager og SQS. Her avhenger hver av disse avvisningene av ressursens egen policy: en bucket, nøkkel, rolle, post i Secrets Manager eller kø som er opprettet utenfor suverens stacker, har ingen av dem, og en som får policyen endret av noen som har lov til det (utrullingsrollen, nødtilgang), mister dem. SCP-ene kan ikke erstatte dette: de binder bare organisasjonens egne identiteter, aldri en utenforstående.',
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
    'et utgivelsesobjekt ({key}) i pipelinens utgivelsesbucket, som avviser skriving fra alle unntatt identitetene som kan publisere utgivelser',
  'deploy.source.connection': 'kodelageret {repository}, grenen {branch}, via AWS CodeConnections',
  'deploy.source.other': 'en kilde av typen {provider}',
  'deploy.stages': 'Trinn: {stages}.',
  'deploy.stageActions': '{name} ({count, plural, one {{count} utrullingshandling} other {{count} utrullingshandlinger}})',
  'deploy.approval': 'Godkjenningen `{action}` åpner trinnet {stage}; varsles: {approvers}',
  'deploy.lastDeployed': 'Sist utrullede sammenstilling: {where}.',
  'deploy.baseline.kept':
    'pipelinens referansebucket ({bucket}), under deployed/: hver stacks mal slik den sist ble rullet ut, skrevet når stackens utrulling lykkes; hver kjøring planlegges mot den før godkjenningen',
  'deploy.baseline.none': 'lagres ikke: malen deklarerer ingen referansebucket',

  'runtime.heading': 'Samsvar i drift (AWS Config)',
  'runtime.notRead':
    'Ikke lest inn i denne rapporten: `suveren conformance` legger til hva AWS Config rapporterer om den utrullede landingssonen (se suverens veiledning om kontrollene i AWS Config).',
  'runtime.read': 'Lest fra aggregatoren `{aggregator}` ({region}) {readAt}: {counts}.',
  'runtime.noResult': '**Ingen resultater** for: {tenants}.',
  'runtime.column.who': 'kunde eller konto',
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
  'tier.standard.custody': 'kundeforvaltet nøkkel i AWS KMS, én per kunde',
  'tier.hsm.custody':
    'en egen KMS-nøkkel i et tilpasset nøkkellager på en CloudHSM-klynge som er dedikert til nøkkelforvaringskontoen og deles av dens hsm-kunder (FIPS 140-3 nivå 3)',
  'tier.external.custody': 'KMS-nøkkel i et eksternt nøkkellager: nøkkelmaterialet forblir i kundens egen HSM, som nås via XKS-proxyen kunden drifter',
  'tier.client-side.custody': 'AWS Encryption SDK i kundens egne lokaler; nøkkelen forlater dem aldri',
  'measure.region':
    'Bucketer og nøkler opprettes bare i de tillatte EU-regionene: det håndheves ved syntese (regionsperren), med SCP for hvert verktøy og overvåkes av en alarm på organisasjonens revisjonsspor. Hvor data lagres, avgjør ikke alene om personopplysninger overføres til en tredjestat, siden også en leverandørs tilgang fra en tredjestat kan være en overføring (EDPBs retningslinjer 05/2021): det er den behandlingsansvarliges vurdering etter personvernforordningen artikkel 44–49.',
  'measure.tls':
    'TLS 1.2 eller nyere for hver forespørsel, håndhevet av bucketens policy og av dataperimeterens RCP der partisjonen har ressurskontrollpolicyer (relevant for personvernforordningen artikkel 32 nr. 1 bokstav a og artikkel 5 nr. 1 bokstav f).',
  'measure.separation':
    'Egen bucket, nøkkel og roller per kunde: hver behandlingsansvarligs data holdes adskilt av egen nøkkelpolicy og bucketpolicy (relevant for personvernforordningen artikkel 25 og artikkel 28 nr. 3 bokstav c).',
  'measure.trail':
    'Organisasjonens revisjonsspor med validering av loggfiler, i et arkiv med Object Lock: hvilken identitet som brukte hvilken nøkkel og hvilket objekt, registreres, og endringer i registreringen kan oppdages (relevant for personvernforordningen artikkel 5 nr. 2 og artikkel 32 nr. 1 bokstav d).',
  'measure.standard.key':
    'Kundeforvaltet KMS-nøkkel per kunde, som bare kan brukes via S3 i de tillatte regionene, med administratorer adskilt fra brukere (relevant for personvernforordningen artikkel 32 nr. 1 bokstav a).',
  'measure.hsm.key':
    'Kundens egen KMS-nøkkel i et tilpasset nøkkellager på nøkkelforvaringskontoens CloudHSM-klynge, som deles av dens hsm-kunder (FIPS 140-3 nivå 3); kundens kryptoansvarlige styrer HSM-brukerne og kan koble fra nøkkellageret, hvoretter ingen objekter kan dekrypteres (relevant for personvernforordningen artikkel 32 nr. 1 bokstav a).',
  'measure.external.key':
    'KMS-nøkkel i et eksternt nøkkellager: nøkkelen forblir i kundens HSM i kundens lokaler, hver bruk godkjennes av proxyens policy per nøkkel (bare S3 i de tillatte regionene, bare kundens roller) og skrives i kundens egen revisjonslogg, og forsegling av proxyen stanser all dekryptering til kunden åpner den igjen (relevant for personvernforordningen artikkel 32 nr. 1 bokstav a og b).',
  'measure.external.bucketKeys':
    'S3 Bucket Keys er slått av for dette nivået, så hver skriving og lesing av et objekt når kundens proxy: revisjonsloggen ser hvert objekt, og en forsegling forsinkes ikke av en hurtigbufret bucketnøkkel.',
  'measure.client-side.key':
    'Kryptering hos klienten med en nøkkel som oppbevares i kundens lokaler (bindende algoritmesett, krypteringskontekst som binder kunde og objekt), med SSE-KMS som andre lag (relevant for personvernforordningen artikkel 32 nr. 1 bokstav a og artikkel 34 nr. 3 bokstav a).',
  'possible.standard':
    'AWS oppbevarer nøkkelmaterialet (i HSM-er som AWS drifter) og behandler klartekst i minnet når S3 krypterer og dekrypterer. En leverandør som pålegges etter en tredjestats lov (f.eks. amerikanske CLOUD Act), kunne teknisk sett tvinges til å dekryptere. Nøkkelpolicyer, CloudTrail og avtaleforpliktelser begrenser og synliggjør dette, men forhindrer det ikke.',
  'possible.hsm':
    'Nøkkelen er i en CloudHSM-klynge som ingen annen AWS-kunde bruker (delt av nøkkelforvaringskontoens hsm-kunder, hver med egen nøkkel) der kunden er kryptoansvarlig, men S3 og KMS behandler fortsatt klartekst i leverandørens infrastruktur ved kryptering og dekryptering. En leverandør under pålegg kan ikke ta ut nøkkelen, men kunne fortsatt behandle data mens de brukes.',
  'possible.external':
    'Nøkkelmaterialet kommer aldri inn i AWS: hver kryptering og dekryptering av en datanøkkel utføres av kundens egen HSM, via XKS-proxyen kunden drifter. Men så lenge nøkkellageret er tilkoblet, behandler S3 og KMS fortsatt klartekst i leverandørens infrastruktur, og en leverandør under pålegg kunne få S3 til å dekryptere objekter gjennom kundens proxy uten kundens samtykke: XKS hindrer at nøkkelen tas ut, ikke tvungen bruk. Forsegling av proxyen (nødstoppet) eller frakobling av lageret stanser all videre dekryptering, men først fra det øyeblikket: det som allerede er dekryptert, kan ikke gjøres om, og kunden må oppdage behovet for å handle (proxyens revisjonslogg registrerer hver bruk).',
  'possible.client-side':
    'Leverandøren lagrer bare chiffertekst som er laget i kundens lokaler med AWS Encryption SDK; nøkkelen når aldri AWS. En leverandør under pålegg kan utlevere chiffertekst og metadata (objektnøkler, størrelser, tidspunkter), ikke innhold.',
  'edpb.standard':
    'Leverandørens tjenester behandler dataene i klartekst: S3 og KMS krypterer og dekrypterer i leverandørens infrastruktur, med nøkkelmateriale som AWS oppbevarer. EDPBs anbefalinger 01/2020 (versjon 2.0) beskriver dette som brukstilfelle 6, der EDPB ikke kunne se for seg et effektivt teknisk tiltak. Om dette har betydning for kundens data (om det skjer en overføring, risikoen ved den og hva taushetsplikten for opplysningene krever), er den behandlingsansvarliges vurdering; en klassifisering i suveren besvarer ikke det spørsmålet.',
  'edpb.hsm':
    'Klartekst er tilgjengelig for leverandørens tjenester mens S3 og KMS krypterer og dekrypterer (situasjonen i EDPBs anbefalinger 01/2020, versjon 2.0, brukstilfelle 6). Nøkkelen kan ikke forlate HSM-klyngen kunden styrer, og kundens kryptoansvarlige kan stanse all dekryptering. Om disse forholdene er tilstrekkelige for kundens data, er den behandlingsansvarliges vurdering.',
  'edpb.external':
    'Klartekst er tilgjengelig for leverandørens tjenester mens S3 og KMS krypterer og dekrypterer, via kundens proxy (situasjonen i EDPBs anbefalinger 01/2020, versjon 2.0, brukstilfelle 6). Nøkkelen kommer aldri inn i AWS, hver bruk står i kundens revisjonslogg, og kunden kan stanse all dekryptering på én gang. Om disse forholdene er tilstrekkelige for kundens data, og om tvungen bruk under behandlingen er akseptabel, er den behandlingsansvarliges vurdering; nivået client-side er det der leverandøren aldri behandler klartekst.',
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
  'control.Suveren-S1': 'Hver buckets standardkryptering er SSE-KMS under en kundeforvaltet nøkkel.',
  'control.Suveren-S2': 'Bucketens policy avviser forespørsler uten TLS og med TLS eldre enn 1.2.',
  'control.Suveren-S3': 'Bucketens policy avviser en opplasting under en annen kryptering eller en annen nøkkel enn bucketens egen.',
  'control.Suveren-KMS1': 'KMS-nøkler med nøkkelmateriale AWS har generert, roteres automatisk.',
  'control.Suveren-KMS2': 'KMS-nøkler er i én region: ingen kopi av en nøkkel i en annen region.',
  'control.Suveren-CWL1': 'Logggrupper krypteres under en kundeforvaltet nøkkel og har en lagringstid.',
  'control.Suveren-L1': 'Funksjoner med miljøvariabler krypterer dem under en kundeforvaltet nøkkel.',
  'control.Suveren-L2': 'Funksjoner som S3 kaller, har en kø for ubehandlede meldinger (dead-letter queue), slik at ingen mislykket kontroll går tapt.',
  'control.Suveren-CT1': 'Revisjonssporet validerer loggfiler, krypteres under en kundeforvaltet nøkkel og registrerer alle regioner.',
  'control.Suveren-CT2': 'Revisjonssporets arkivbucket har S3 Object Lock i samsvarsmodus med en standard lagringstid.',
  'control.Suveren-EDGE1':
    'Ingen ressurser som behandler data i nettverkets ytterkant eller globalt (CloudFront, Global Accelerator, Multi-Region Access Points, S3 Transfer Acceleration).',
  'control.Suveren-REGION1': 'Hver stack er i en tillatt region; en region som ikke er fastsatt, avvises.',
  'control.Suveren-REGION2': 'Ingen KMS-nøkkel for flere regioner og ingen replikanøkkel.',
  'control.Suveren-REGION3': 'Ingen replikering til en region utenfor listen over tillatte regioner, eller til en som ikke kan dokumenteres.',
  'control.Suveren-RT-REGION': 'Hver utrullet bucket og nøkkel er i en tillatt region, og ingen nøkkel er en flerregionsnøkkel.',
  'control.Suveren-RT-S3-SSEC': 'Den utrullede bucketpolicyen avviser opplastinger med en nøkkel kunden leverer selv (SSE-C).',
  'control.Suveren-RT-S3-BUCKETKEY': 'S3 Bucket Keys er innstilt slik nivået tilsier: slått på, unntatt for nivået external.',
  'control.Suveren-RT-S3-VERSIONING': 'Versjonering er slått på, slik at et godkjent objekt aldri går tapt ved overskriving eller sletting.',
  'control.Suveren-RT-S3-REPLICATION':
    'Databucketen til en tenant med kontinuitet har en påslått regel for replikering mellom regioner: kopien fortsetter å motta objektene.',
  'control.Suveren-RT-S3-PUBLIC': 'Bucketens sperre mot offentlig tilgang er slått på, alle fire innstillingene.',
  'control.Suveren-RT-KMS-ROOT': 'Ingen utrullet nøkkelpolicy gir en kontos rot alle KMS-handlinger.',
  'control.Suveren-RT-KMS-DELETION': 'Ingen nøkkel er planlagt slettet.',
  'control.Suveren-RT-CUSTODY-SECRET':
    'Policyen for en påloggingsopplysning for nøkkelforvaring lar bare nøkkelhåndtereren og den kryptoansvarlige lese den, og bare plattformen endre den.',
  'control.Suveren-CUSTODY': 'Hver kundes datanøkkel oppbevares slik nivået tilsier, ifølge kundens mal.',
  'control.Suveren-SEPARATION':
    'Hver kunde har egen nøkkel, bucket og roller; tilgangsmatrisen viser hvem som kan skrive, lese, dekryptere, slette og endre innstillinger.',
  'control.Suveren-ANNEX': 'Det tekniske vedlegget: hvem som teknisk kan nå klartekst, nøkler eller metadata på hver kundes nivå.',
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
  'sourceNote.se-arkivlag-1990-782':
    'Ikke lest hos utgiveren da oppføringen ble laget: nummer og tittel er slik Riksdagen angir dem i andre forfatninger; dato og eventuelle endringer er ikke kontrollert.',
  'sourceNote.se-cybersakerhetsforordning-2025-1507':
    'Ikke lest hos utgiveren: nummeret er det cybersäkerhetslagen (2025:1506) ble utferdiget med; dato og hvilken myndighet den utpeker som CSIRT, er ikke kontrollert her.',
  'sourceNote.no-arkivlova':
    'Ikke lest på Lovdata da oppføringen ble laget: nummer og dato kommer fra sekundærkilder, og om en ny arkivlov har erstattet den, er ikke kontrollert.',
  'sourceNote.no-digitalsikkerhetsloven':
    'Ikke lest på Lovdata da oppføringen ble laget: nummer, dato og sektorene loven lister opp kommer fra sekundærkilder.',
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
    "Tilgangsmatrisen beregnes av en evaluator for IAM-policyer ut fra de syntetiserte malene, ikke av AWS: den modellerer IAM-, bucket-, nøkkel- og tillitspolicyer, SCP-er og RCP-en, men ikke sesjonspolicyer, tillatelsesgrenser satt utenfor suveren eller KMS-grants. For en HSM-basert nøkkel beholder rollen som oppretter nøkkelen kms:PutKeyPolicy, som KMS' kontroll mot utestenging krever når nøkkelen opprettes; IAM kan ikke styre innholdet i en policy, så det er SCP-beskyttelsen av nøkkelhåndtererens rolle og funksjon som hindrer en kunde i å bruke den.",
  'limit.orgPrerequisites':
    'Forutsetninger i organisasjonen utenfor CloudFormation: aktiverte policytyper, delegert administrasjon av CloudTrail, nødtilgangsrollen i hver medlemskonto og hvilken organisasjonsenhet hver kundekonto ligger i.',
  'limit.legal':
    'Rettslige konklusjoner: om det skjer en overføring til en tredjestat, om tiltakene er tilstrekkelige for opplysningene, om opplysningene er underlagt taushetsplikt og hvilken risiko som er akseptabel. Den behandlingsansvarlige avgjør dem i sine egne vurderinger.',
  // Den behandlingsansvarliges vedlegg (lib/evidence/controller-annex.ts, render-annex.ts).
  'ca.title': 'Vedlegg for den behandlingsansvarlige: {name}',
  'ca.intro':
    'Opplysninger til vurderingen av personvernkonsekvenser (personvernforordningen artikkel 35 nr. 7) for {name}, lest fra de syntetiserte malene for `{configFile}` og beregnet av IAM-evaluatoren. Den behandlingsansvarlige vurderer og beslutter; tomme felt fyller den behandlingsansvarlige ut.',
  'ca.blank': '_______________',
  'ca.notProvided': 'ikke oppgitt',
  'ca.a.heading': 'a) Behandlingen',
  'ca.processing.purposes': 'Formål',
  'ca.processing.dataCategories': 'Kategorier av personopplysninger',
  'ca.processing.dataSubjects': 'Registrerte',
  'ca.processing.recipients': 'Mottakere',
  'ca.tenantFacts': 'Land: {country}. Type virksomhet: {type}. Dataklasse: {classification}. Nivå for nøkkelforvaring: `{tier}`.',
  'ca.locations.heading': 'Hvor hver type opplysninger er, og hvem som har nøkkelen',
  'ca.column.kind': 'Opplysninger',
  'ca.column.where': 'Land (region)',
  'ca.column.encryption': 'Kryptering',
  'ca.column.keyHolder': 'Nøkkelinnehaver',
  'ca.where': '{country} ({region})',
  'ca.where.exports': 'utenfor AWS',
  'ca.where.none': 'ingen',
  'ca.location.content': 'Innhold (objekter)',
  'ca.location.object-names': 'Objektnavn og metadata',
  'ca.location.access-logs': 'Tilgangslogger',
  'ca.location.cloudtrail': 'CloudTrail-poster',
  'ca.location.config-items': 'AWS Config-poster',
  'ca.location.dead-letters': 'Meldinger i feilkøen',
  'ca.location.function-logs': 'Funksjonslogger',
  'ca.location.replicas': 'Replikaer',
  'ca.location.exports': 'Eksporter',
  'annex.encryption.sseKms': 'SSE-KMS under kundens nøkkel',
  'annex.encryption.clientSide': 'kryptert i den behandlingsansvarliges egne lokaler (AWS Encryption SDK) før opplasting; SSE-KMS i tillegg',
  'annex.encryption.metadata': 'ikke under kundens nøkkel: S3 krypterer bare objektenes data, ikke navn eller metadata',
  'annex.encryption.none': 'ingen standardkryptering angitt',
  'annex.encryption.sseS3': 'en nøkkel som S3 forvalter (SSE-S3), på alle nivåer: ikke kundens nøkkel',
  'annex.encryption.notDeclared': 'finnes ikke i denne samlingen maler',
  'annex.encryption.sqsManaged': 'en nøkkel som SQS forvalter',
  'annex.encryption.replicated': 'en replikeringsregel er angitt (se det tekniske vedlegget)',
  'annex.encryption.noReplica': 'ingen kopi i en annen region',
  'annex.encryption.replica':
    '{clientSide, select, yes {den samme chifferteksten, under SSE-KMS med en nøkkel i sin egen region} other {SSE-KMS under en nøkkel i sin egen region}}, ved S3 Cross-Region Replication{rtc, select, on {, 99,99 % innen 15 minutter (Replication Time Control)} other {}}',
  'annex.encryption.exportPlaintext': 'klartekst, slik S3 dekrypterer den for leseren (`suveren export`)',
  'annex.encryption.exportCiphertext': 'chiffertekst slik den er lagret (`suveren export`); klartekst bare med den behandlingsansvarliges nøkkel',
  'annex.keyHolder.premises': 'den behandlingsansvarlige, i egne lokaler (en nøkkelfil eller egen HSM); AWS har aldri nøkkelen',
  'annex.keyHolder.cloudhsm':
    'KMS-nøkkellager på CloudHSM-klyngen `{cluster}`, avsatt til nøkkelforvaringskontoen {account} og delt av {count, plural, one {{count} kunde} other {{count} kunder}} ({tenants}); kryptoansvarlig er kunden',
  'annex.keyHolder.external': 'kundens HSM bak dens XKS-proxy (eksternt nøkkellager `{store}`); forsegles proxyen, stanser all bruk',
  'annex.keyHolder.kms': 'AWS KMS i kundens konto; kundens nøkkeladministratorer forvalter nøkkelen',
  'annex.keyHolder.replicaKms':
    'AWS KMS i kundens konto, i replikaens region; plattformens utrullingsrolle og break-glass-rollen forvalter nøkkelen, ikke kundens nøkkeladministratorer',
  'annex.keyHolder.unknown': 'fremgår ikke av malen',
  'annex.keyHolder.aws': 'AWS (S3)',
  'annex.keyHolder.operator': 'driftsleverandøren: en KMS-nøkkel i revisjonskontoen',
  'annex.keyHolder.none': '—',
  'annex.keyHolder.exportHolder': 'den som oppbevarer eksportkatalogen',
  'ca.b.heading': 'b) Nødvendighet og forholdsmessighet',
  'ca.b.text': 'Vurderes av den behandlingsansvarlige opp mot formålene ovenfor:',
  'ca.c.heading': 'c) Risiko: fakta',
  'ca.column.party': 'Part',
  'ca.column.how': 'Hvordan',
  'ca.column.gates': 'Hva som står i veien',
  'ca.parties.itself': 'direkte',
  'ca.parties.steps': 'etter {count} steg',
  'ca.parties.none':
    'Ingen: IAM-evaluatoren finner ingen vei fra noen identitet i malene til klartekst. S3 har bare chiffertekst; klartekst finnes der den behandlingsansvarliges nøkkel er.',
  'ca.parties.notComputed': 'Ikke beregnet: IAM-evaluatoren ble ikke kjørt, så vedlegget kan ikke navngi noen part.',
  'ca.parties.count':
    '{count, plural, one {{count} part når klartekst, på hver vei IAM-evaluatoren finner i malene (driftsleverandørens roller medregnet)} other {{count} parter når klartekst, på hver vei IAM-evaluatoren finner i malene (driftsleverandørens roller medregnet)}}',
  'ca.gate.approval': 'en godkjenning',
  'ca.gate.break-glass': 'alarm ved nødtilgang',
  'ca.gate.boundary': 'tillatelsesgrense',
  'ca.gate.proxy': 'XKS-proxyen (nødstopp)',
  'ca.gate.mfa': 'MFA',
  'ca.gate.next-release': 'neste utgivelse',
  'ca.gate.none': 'ingenting',
  'ca.usOrders.heading': 'Hva et amerikansk pålegg kunne nå (se det tekniske vedlegget)',
  'ca.integrity.heading': 'Integritet (artikkel 32 nr. 1 bokstav b)',
  'annex.integrity.versioning': 'Versjonering er på: en overskriving eller sletting beholder den tidligere versjonen.',
  'annex.integrity.noVersioning': 'Versjonering er av: en overskriving eller sletting mister den tidligere versjonen.',
  'annex.integrity.inspection': 'Hver opplasting kontrolleres; bare godtatte objekter kan leses, avviste legges i karantene.',
  'annex.integrity.noInspection': 'Opplastinger kontrolleres ikke.',
  'annex.integrity.objectLock': 'Object Lock beskytter databucketens versjoner i sin periode.',
  'annex.integrity.noObjectLock': 'Ingen Object Lock på databucketen: den som får slette versjoner, kan slette dem (det er det som gjør sletting mulig).',
  'annex.integrity.trailValidated': 'CloudTrail-postene signeres med sammendrag (validering av loggfiler) og lagres i et arkiv med Object Lock.',
  'ca.availability.heading': 'Tilgjengelighet (artikkel 32 nr. 1 bokstav b og c)',
  'annex.availability.replicated':
    'Opplysningene har en andre kopi i {replicaRegion}, skrevet av S3 Cross-Region Replication etter hver opplasting{rtc, select, on { (99,99 % innen 15 minutter)} other { (asynkront: de nyeste objektene kan mangle der ennå)}}; går {region} tapt, leser leseren kopien der. {deletes, select, on {En sletting i kilden skjuler objektet i kopien også.} other {En sletting i kilden når ikke kopien, så den kan gjøres om derfra.}}',
  'annex.availability.oneRegion':
    'Opplysningene er i én region ({region}), uten kopi i noen annen: går regionen tapt, er de utilgjengelige til regionen er tilbake.',
  'annex.availability.versions':
    'Overskrevne eller slettede objekter kan gjenopprettes fra sine versjoner i {days, plural, one {{days} dag} other {{days} dager}}.',
  'annex.availability.noVersions': 'Uten versjonering kan ingenting overskrevet eller slettet gjenopprettes.',
  'annex.availability.suspension':
    'Stenger eller sperrer AWS kontoen, er opplysningene utenfor rekkevidde; ressurser som er igjen i en stengt medlemskonto, slettes etter 90 dager (AWS Organizations API-referanse, CloseAccount).',
  'annex.availability.keyAvailability':
    'Opplysningene kan leses bare så lenge nøkkelen kan brukes: en deaktivert, slettet eller frakoblet nøkkel gjør dem uleselige.',
  'annex.availability.premisesKey':
    'Opplysningene kan leses bare med den behandlingsansvarliges nøkkel (eller gjenopprettingsnøkkelen): går begge tapt, går opplysningene tapt.',
  'annex.availability.drill':
    'Den siste gjenopprettingsøvelsen ({date}) leste tilbake {sampled, plural, one {{sampled} stikkprøvekopi} other {{sampled} stikkprøvekopier}} fra kopien slik leseren ville etter et tap, og verifiserte {verified} mot databucketens kontrollsummer; {failed, plural, one {{failed} objekt hadde feilet i replikeringen} other {{failed} objekter hadde feilet i replikeringen}}{rpo, select, none {} other {, og kopien lå {rpo} s etter (det observerte gjenopprettingspunktet)}}: {passed, select, yes {den ble bestått} other {den ble ikke bestått}}.',
  'annex.availability.noDrill':
    'Ingen gjenopprettingsøvelse er registrert: resultatet oppgis her når suveren continuity drill er kjørt og konfigurasjonen angir rapporten (continuity.drillReport).',
  'ca.c.text': 'Sannsynlighet, alvorlighet og om risikoen er akseptabel, noterer den behandlingsansvarlige:',
  'ca.d.heading': 'd) Tiltak',
  'ca.d.link': '(detaljer: det tekniske vedlegget, kunde {id})',
  'ca.chain.heading': 'Kjeden av databehandlere',
  'ca.chain.controller': '{name}: behandlingsansvarlig.',
  'ca.chain.operator': '{name}: databehandler (driver plattformen).',
  'ca.chain.operatorWithContact': '{name}: databehandler (driver plattformen); kontakt: {contact}.',
  'ca.chain.operatorMissing': 'Driftsleverandøren (databehandler): ikke oppgitt (konfigurasjonen `organization.operator`).',
  'ca.chain.provider': 'Amazon Web Services: underdatabehandler. {fact}: {value} (lest på {source} den {date}).',
  'ca.fact.contractingEntity': 'Avtalepart',
  'ca.fact.subProcessors': 'AWS sine egne underdatabehandlere',
  'ca.fact.dataProcessingTerms': 'Vilkår for behandling av personopplysninger',
  'ca.retention.heading': 'Lagring og sletting (artikkel 5 nr. 1 bokstav e, artikkel 17)',
  'ca.retention.noncurrent': 'Erstattede og slettede versjoner fjernes etter {days, plural, one {{days} dag} other {{days} dager}}.',
  'ca.retention.noncurrentNone': 'Erstattede og slettede versjoner fjernes aldri.',
  'ca.retention.quarantine': 'Opplastinger i karantene: versjoner fjernes etter {days, plural, one {{days} dag} other {{days} dager}}.',
  'ca.retention.accessLogs': 'Tilgangslogger fjernes etter {days, plural, one {{days} dag} other {{days} dager}}.',
  'ca.retention.objectLock': 'Object Lock på opplysningene: {lock}.',
  'ca.retention.noObjectLock': 'Object Lock på opplysningene: ingen.',
  'ca.retention.archive': 'CloudTrail-arkivet: Object Lock {lock}.',
  'ca.retention.keys':
    'Nøkler: når stakken sletter nøkkelen, venter KMS {days, plural, one {{days} dag} other {{days} dager}} (malens ventetid); den som planlegger en sletting for hånd, velger 7 til 30 dager. Opplysningene går tapt med nøkkelen.',
  'ca.retention.archiveLaw.SE':
    'Allmänna handlingar: arkivlagen (1990:782) avgjør hva som bevares og hva som kan gallras; fjerning og sletting her følger den behandlingsansvarliges gallringsbeslut.',
  'ca.retention.archiveLaw.NO':
    'Offentlige arkiver: arkivlova avgjør hva som bevares og hva som kan kasseres; fjerning og sletting her følger den behandlingsansvarliges vedtak etter den.',
  'ca.retention.archiveLaw.none': 'Intet land er oppgitt (konfigurasjonen `tenants[].country`): arkivloven som gjelder, navngis ikke.',
  'ca.breach.heading': 'Veien ved et avvik (artikkel 33)',
  'ca.breach.path':
    'AWS → databehandleren ({operator}) → den behandlingsansvarlige ({contact}) → {authority}, innen 72 timer etter at den behandlingsansvarlige ble kjent med bruddet (artikkel 33 nr. 1).',
  'ca.breach.authority.SE': 'Integritetsskyddsmyndigheten (IMY)',
  'ca.breach.authority.NO': 'Datatilsynet',
  'ca.breach.authority.none': 'tilsynsmyndigheten',
  'ca.breach.national.SE.applies':
    'I tillegg etter cybersäkerhetslagen (2025:1506), 2 kap. 5–8 §§: betydelige hendelser rapporteres til CSIRT-enheten som cybersäkerhetsförordningen (2025:1507) utpeker (CERT-SE ved Myndigheten för civilt försvar, tidligere MSB).',
  'ca.breach.national.SE.does-not-apply': 'Cybersäkerhetslagen (2025:1506) omfatter ikke denne virksomheten, etter den behandlingsansvarliges opplysning.',
  'ca.breach.national.NO.applies': 'I tillegg etter digitalsikkerhetsloven: hendelser rapporteres til NSM, fordi virksomheten er i en sektor loven lister opp.',
  'ca.breach.national.NO.does-not-apply':
    'Digitalsikkerhetsloven omfatter listede sektorer og tilbydere av digitale tjenester, ikke en kommune eller en etat som sådan: ingen rapport til NSM etter den.',
  'ca.breach.national.none': 'Intet land er oppgitt: nasjonal hendelsesrapportering angis ikke.',
  'ca.breach.defaulted': '(Landets utgangspunkt; den behandlingsansvarlige bekrefter det i `tenants[].incidentReporting`.)',
  'ca.exit.heading': 'Avslutning',
  'ca.exit.text':
    '`suveren export` skriver hvert godtatt objekt med et manifest (JSON Lines) og SHA-256-kontrollsummer til en katalog den behandlingsansvarlige angir, og kontrollerer dem. Igjen i AWS etterpå: objektene til bucketen tømmes, erstattede versjoner til de fjernes, tilgangslogger og CloudTrail-poster i sin lagringstid, nøklene til ventetiden for sletting har løpt ut.',
  'ca.sources.heading': 'Kilder vedlegget bygger på',
  'ca.source': '{short} ({status})',
  'ca.footer': 'suverens bevisskjema {version}. Bare fakta: ingen sannsynlighet, ingen aksept, ingen rettslig konklusjon.',
  'country.SE': 'Sverige',
  'country.NO': 'Norge',
  'country.IE': 'Irland',
  'country.FR': 'Frankrike',
  'country.DE': 'Tyskland',
  'country.IT': 'Italia',
  'country.ES': 'Spania',
  'orgType.state-agency': 'statlig virksomhet',
  'orgType.municipality': 'kommune',
  'orgType.region': 'fylkeskommune',
  'orgType.other': 'annen',
  'ca.sourceStatus.verified': 'verifisert',
  'ca.sourceStatus.unverified': 'ikke verifisert',
  'ca.sourceStatus.guidance': 'veiledning',
  'ca.end.read': 'leser; S3 dekrypterer',
  'ca.end.decrypt': 'dekrypterer med nøkkelen',
  'ca.end.rewrite-key-policy': 'skriver om nøkkelpolicyen',
  'ca.end.grant': 'gir seg selv nøkkelen',
  'ca.end.rewrite-bucket-policy': 'skriver om bucketpolicyen',
  'ca.end.re-encrypt': 'omkrypterer under egen nøkkel',
  'ca.end.replicate': 'replikerer til egen bucket',
  'ca.end.batch-copy': 'kopierer med S3 Batch Operations',
  'ca.parties.how': '{end}, {steps}',
  'annex.keyHolder.accountKms': 'AWS KMS, en nøkkel i kundens konto',
  'ca.retention.keysDefault':
    '{count, plural, one {{count} nøkkel har} other {{count} nøkler har}} ingen ventetid i malen: den som planlegger slettingen, velger 7 til 30 dager (standard i KMS er 30). Opplysningene går tapt med nøkkelen.',
  'ca.measure.region': 'Buckets og nøkler bare i de tillatte EU-regionene: avvises ved syntese, nektes av SCP, varsles på organisasjonens loggspor.',
  'ca.measure.tls': 'TLS 1.2 eller nyere for hvert kall, håndhevet av bucketpolicyen.',
  'ca.measure.separation': 'Egen bucket, nøkkel og egne roller for den behandlingsansvarlige, adskilt gjennom sine policyer.',
  'ca.measure.trail': 'Organisasjonens loggspor med validering av loggfiler, i et arkiv med Object Lock.',
  'ca.measure.standard.key': 'En kundeforvaltet KMS-nøkkel per kunde, brukbar bare gjennom S3 i de tillatte regionene; administratorer er ikke brukere.',
  'ca.measure.hsm.key':
    'En KMS-nøkkel i et nøkkellager på en CloudHSM-klynge (FIPS 140-3 nivå 3) der kryptoansvarlig er kunden; kobles lageret fra, stanser all dekryptering.',
  'ca.measure.external.key':
    'Nøkkelmaterialet i kundens HSM bak dens XKS-proxy, som godkjenner og logger hver bruk; forsegles proxyen, stanser all dekryptering.',
  'ca.measure.external.bucketKeys': 'S3 Bucket Keys av: hver lesing og skriving når kundens proxy, og en forsegling forsinkes ikke av en bufret nøkkel.',
  'ca.measure.client-side.key':
    'Kryptert i kundens egne lokaler før opplasting (bindende algoritmesuite, kontekst som binder kunde og objekt); SSE-KMS som andre lag.',
  'ca.whereAccount': '{where}, konto {account}',
  'ca.chain.providerMissing': 'Amazon Web Services: underdatabehandler. {facts}: ikke oppgitt (konfigurasjonen `organization.provider`).',
  'ca.principal.identityCenterGroup': 'medlemmer av Identity Center-gruppen {group} (tillatelsessett {permissionSet})',
  'report.annexes.heading': 'Vedlegg for de behandlingsansvarlige',
  'report.technical.heading': 'Teknisk vedlegg',
  'report.technical.intro':
    'For kontrollører: per kunde buckets, nøkler og deres policyer, hvem som kan nå klartekst og på hvilken vei, matrisen over direkte kall; deretter organisasjonens sikkerhetsgrenser, pipelinen, kontrollene og deres kilder, åpne funn og godtatte avvik.',
  'control.Suveren-DPIA':
    'Vedlegget for den behandlingsansvarlige per kunde: hvor hver type opplysninger er og hvem som har nøkkelen, hvem som når klartekst, lagring og sletting, veien ved et avvik og avslutning, med landets kilder.',
  'sheet.location': '{region}, konto {account}; se stedstabellen i vedlegget for hver type opplysninger',
  'sheet.parties':
    '{count, plural, one {{count} part når klartekst på en eller annen vei} other {{count} parter når klartekst på en eller annen vei}}, hver navngitt i vedlegget med det som står i veien',
  'sheet.plaintext.yes': 'Ja: på nivået `{tier}` dekrypterer leverandørens tjenester på forespørsel så lenge nøkkelen kan brukes.',
  'sheet.plaintext.no': 'Nei: på nivået `{tier}` har S3 bare chiffertekst, og nøkkelen blir i deres egne lokaler.',
  'sheet.column.factor': 'Omstendighet',
  'sheet.column.facts': 'Hva malene viser',
  'sheet.column.judgement': 'Deres vurdering',
  'sheet.column.threat': 'Trussel',
  'sheet.column.asset': 'Verdi',
  'sheet.column.measure': 'Eksisterende tiltak (fra malene)',
  'sheet.column.likelihood': 'Sannsynlighet',
  'sheet.column.consequence': 'Konsekvens',
  'sheet.decision': 'Beslutning, dato, beslutningstaker (rolle):',
  'sheet.se.title': 'Taushetsvurdering etter den svenske OSL 10 kap. 2 a §: {name}',
  'sheet.se.intro':
    'Taushetsplikt (sekretess) hindrer ikke at opplysninger gis til en leverandør for bare teknisk behandling eller teknisk lagring, med mindre det er upassende (olämpligt) etter omstendighetene (OSL 10 kap. 2 a §, prop. 2022/23:97). suveren fyller ut de tekniske omstendighetene; vurderingen, per type opplysninger, er deres.',
  'sheet.se.technicalOnly': 'Bare teknisk behandling eller teknisk lagring?',
  'sheet.se.technicalOnly.fact':
    'S3 lagrer objektene, og kundens egne funksjoner kontrollerer dem i dens konto; malene angir ingen annen behandling hos leverandøren.',
  'sheet.se.plaintext': 'Kan leverandørens tjenester nå innholdet?',
  'sheet.se.keys': 'Hvem har nøkkelen?',
  'sheet.se.location': 'Hvor er opplysningene?',
  'sheet.se.parties': 'Hvem kan nå klartekst, på en eller annen vei?',
  'sheet.se.foreignLaw': 'Kan en utenlandsk myndighet tvinge frem en utlevering?',
  'sheet.se.confidentiality': 'Taushetsplikt for leverandørens ansatte (den svenske lag (2020:914))',
  'sheet.se.confidentiality.fact': 'Fremgår ikke av malene: kontroller avtalen med leverandøren.',
  'sheet.se.inappropriate': 'Er utleveringen upassende (olämpligt)? Deres konklusjon, per type opplysninger',
  'sheet.no.title': 'Risiko- og sårbarhetsanalyse (ROS): {name}',
  'sheet.no.intro':
    'I strukturen Datatilsynet og Digdir bruker: trussel, verdi, eksisterende tiltak. suveren fyller ut tiltakene malene viser; sannsynlighet, konsekvens og om risikoen er akseptabel, vurderer dere.',
  'sheet.no.threat.usOrder': 'Et pålegg til leverandøren etter amerikansk rett (CLOUD Act, FISA 702)',
  'sheet.no.threat.insider': 'Misbruk fra en part som kan nå klartekst',
  'sheet.no.threat.regionLoss': 'Bortfall av regionen',
  'sheet.no.threat.deletion': 'Utilsiktet eller ondsinnet sletting eller overskriving',
  'sheet.no.threat.keyLoss': 'Tap, sletting eller frakobling av nøkkelen',
  'sheet.no.threat.upload': 'En skadelig eller feil opplasting',
  'sheet.no.threat.suspension': 'Sperring eller stenging av kontoen',
  'sheet.no.asset.content': 'Innholdets konfidensialitet',
  'sheet.no.asset.integrity': 'Opplysningenes integritet',
  'sheet.no.asset.availability': 'Opplysningenes tilgjengelighet',
  'annex.integrity.trailPartial':
    'Validering av CloudTrails loggfiler er {validation, select, on {på} other {av}}, og arkivets Object Lock er {lock, select, on {på} other {av}}: det er ikke vist at loggen ikke kan endres ubemerket.',
  'annex.encryption.trail':
    'SSE-KMS i revisjonskontoens arkiv; dens logggruppe i CloudWatch under {logs, select, kms {en KMS-nøkkel også} other {CloudWatch Logs egen kryptering}}',
  'annex.encryption.configDelivery': 'SSE-KMS i revisjonskontoens bucket; AWS Config beholder dem også i kontoen og regionen der de registreres',
  'annex.encryption.accountKms': 'SSE-KMS under en nøkkel i kundens konto',
  'annex.encryption.functionLogs':
    '{key, select, kms {en KMS-nøkkel i kundens konto} other {CloudWatch Logs egen kryptering}}, lagres i {days, plural, one {{days} dag} other {{days} dager}}',
  'annex.encryption.functionLogsUndeclared':
    '{key, select, kms {en KMS-nøkkel i kundens konto} other {CloudWatch Logs egen kryptering}}, lagres i {days} dager; {undeclared, plural, one {{undeclared} funksjon} other {{undeclared} funksjoner}} uten egen logggruppe logger under CloudWatch Logs egen kryptering',
  'ca.principal.cfnExec': 'CloudFormations kjørerolle i konto {account}',
  'ca.principal.deploymentAdministrator': 'utrullingskontoens administrator (Suveren-Pipelines konto)',
  'ca.principal.pipelineDeploy': 'Suveren-Pipelines utrullingsprosjekt ({name})',
  'reach.groupOwners':
    'Utenfor grafen: gruppemedlemskap avgjøres i deres identitetsleverandør, så den som kan endre gruppene der ({owners}), når det gruppene når.',
  'ca.parties.ciphertextOnly':
    'Ingen i AWS: S3 har bare chiffertekst, laget i den behandlingsansvarliges egne lokaler, så uansett hva en identitet når i AWS, er det ikke klartekst. Klartekst finnes der den behandlingsansvarliges nøkkel er.',
};
