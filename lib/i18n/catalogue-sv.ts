import type { Catalogue } from './translate';

/*
 * Evidensrapporten på svenska. Samma nycklar som den engelska katalogen
 * (catalogue-en.ts); juridiska termer som i den svenska språkversionen av
 * dataskyddsförordningen (personuppgiftsansvarig, personuppgiftsbiträde, tredjeland,
 * konsekvensbedömning avseende dataskydd, dataskyddsombud). suverens klassningar
 * återges med sina id:n och förklaras som dataklasser, aldrig som
 * säkerhetsskyddsklasser.
 */
export const SV: Catalogue = {
  'report.title': 'suveren – evidensrapport',
  'report.generated': 'Framställd ur den syntetiserade molnsammanställningen (cloud assembly) för `{configFile}`. Schema `{schema}` {version}. Språk: svenska.',
  'report.standing.label': 'Vad rapporten är.',
  'report.standing':
    'Rapporten är underlag för den personuppgiftsansvariges egna bedömningar (konsekvensbedömning avseende dataskydd, riskanalys och sekretessbedömning enligt OSL 10 kap. 2 a §). Den redovisar vad de syntetiserade mallarna visar och anger vilken regel varje uppgift är relevant för; den drar inga rättsliga slutsatser. Det är den personuppgiftsansvariges beslut, undertecknat av dess beslutsfattare efter att dataskyddsombudet har rådfrågats, som gäller.',
  'report.classifications.label': 'Klassningar.',
  'report.classifications':
    'Klassningarna open, internal, confidential och secret är suverens egna dataklasser, som väljer nivå för nyckelförvaring. De är inte säkerhetsskyddsklasser, och uppgifter som är säkerhetsskyddsklassificerade enligt säkerhetsskyddslagen (i Norge sikkerhetsloven) ligger utanför plattformens tillämpningsområde.',
  'report.quoted':
    'Beskrivningar av policyer, larm och fynd, skäl för godtagna avvikelser och anteckningar från AWS Config citeras på originalspråket (engelska) så som de står i mallarna, valideringsrapporten och AWS Config.',
  'classification.label': '`{classification}` (suverens dataklass, ej säkerhetsskyddsklassificerad)',

  'common.yes': 'ja',
  'common.no': 'nej',
  'common.unresolved': 'ej fastställt',
  'common.nobody': 'ingen',
  'common.none': 'ingen',
  'common.unknown': 'okänd',
  'common.notProvided': 'inte angivet',

  'summary.heading': 'Sammanfattning',
  'summary.allowedRegions': 'Tillåtna regioner: {regions}',
  'summary.scpRegions': 'Regioner som regionspärrens SCP tillåter: {regions}',
  'summary.noRegionGuard': 'ingen SCP för regionspärr i sammanställningen',
  'summary.gates': 'Kontroller vid syntes: {state}. Öppna fynd: {findings}; godtagna avvikelser: {acknowledgments}, förtecknade under ”{where}”.',
  'summary.gates.passed': 'genomförda',
  'summary.gates.failed': '**underkända**',
  'summary.gates.notRun': '**inte körda** (ingen valideringsrapport)',
  'summary.accessMatrix': 'Behörighetsmatris: {state}',
  'summary.tenants': 'Kunder: {count}',
  'accessMatrix.computed': 'beräknad',
  'accessMatrix.notRequested': 'inte beräknad: inte begärd',
  'accessMatrix.switchedOff': 'inte beräknad: avstängd ({switch}=off eller alternativet accessMatrix)',
  'accessMatrix.noEvaluator':
    'inte beräknad: IAM-utvärderaren @cloud-copilot/iam-simulate är inte installerad (den är ett utvecklingsberoende som npm ci installerar)',
  'column.tenant': 'kund',
  'column.name': 'namn',
  'column.classification': 'klassning',
  'column.tier': 'nivå',
  'column.region': 'region',
  'column.account': 'konto',
  'column.providerPlaintext': 'leverantören kan se klartext',

  'tenant.heading': 'Kund {id}: {name}',
  'tenant.intro': 'Data av klassen {classification}, nivå `{tier}`, stack `{stack}` i {region} (konto {account}).',
  'tenant.unresolvedRegion': 'en region som inte är fastställd',
  'tenant.guardrails': '**Skyddsregler som gäller** (om kontot ligger under dessa mål):',
  'tenant.guardrail': '{name} ({type}), kopplad till {targets}',
  'tenant.uploadInspection': 'Granskning av uppladdningar.',
  'tenant.erasure': 'Radering (GDPR art. 17).',
  'erasure.groups':
    '{deleters} får radera objektversioner genom ett direkt anrop, enligt IAM-utvärderarens beslut för åtkomstmatrisens aktörer. En person raderar som {role}, med suveren erase, som raderar varje version och karantänkopia av ett objekt och skriver en förteckning över det; IAM Identity Center-{count, plural, one {gruppen} other {grupperna}} {groups} har den rollen.',
  'erasure.noGroup':
    '{deleters} får radera objektversioner genom ett direkt anrop, enligt IAM-utvärderarens beslut för åtkomstmatrisens aktörer. En person raderar som {role}, med suveren erase, men ingen IAM Identity Center-grupp har tilldelats den rollen: tilldela en innan en begäran om radering kommer.',
  'tenant.recovery': 'Återställningsnyckel.',

  'bucket.data': 'Databucket',
  'bucket.quarantine': 'Karantänbucket',
  'bucket.accessLog': 'Bucket för åtkomstloggar',
  'bucket.region': 'region',
  'bucket.encryption': 'kryptering i vila',
  'bucket.bucketKeys': 'S3 Bucket Keys',
  'bucket.versioning': 'versionshantering',
  'bucket.publicAccessBlocked': 'publik åtkomst blockerad',
  'bucket.aclsDisabled': 'ACL:er avstängda',
  'bucket.accessLogging': 'åtkomstloggning',
  'bucket.objectLock': 'Object Lock',
  'bucket.denyWithoutTls': 'nekar anrop utan TLS',
  'bucket.tlsFloor': 'lägsta TLS-version',
  'bucket.keyPinned': 'uppladdningar låsta till bucketens nyckel',
  'bucket.keyPinned.notApplicable': 'ej tillämpligt (ingen KMS-nyckel)',
  'bucket.dataPrincipals': 'endast dessa identiteter får röra data',
  'bucket.configurationPrincipals': 'endast dessa identiteter får ändra bucketens inställningar',
  'encryption.sseKms': 'SSE-KMS (AES-256-GCM under en KMS-nyckel)',
  'encryption.sseS3': 'SSE-S3 (AES-256, nyckel som S3 förvaltar)',
  'encryption.none': 'ingen',
  'encryption.other': '{algorithm}',
  'objectLock.days': '{mode} i {count, plural, one {{count} dag} other {{count} dagar}}',
  'objectLock.years': '{mode} i {count} år',

  'key.heading': 'Nyckel `{id}`',
  'key.heldIn': 'Förvaras i {custody}.',
  'key.rotation': 'rotation',
  'key.multiRegion': 'flera regioner',
  'key.deletionWindow': 'raderingsfrist',
  'key.deletionDays': '{days, plural, one {{days} dag} other {{days} dagar}}',
  'key.deletionDefault': 'standardfristen',
  'key.trustsRoot': 'nyckelpolicyn ger kontots rot behörighet (IAM skulle kunna ge behörighet att använda nyckeln)',
  'key.users': 'Vem som får använda nyckeln:',
  'key.administrators': 'Vem som får administrera nyckeln:',
  'key.via': '(endast via {services})',
  'custody.awsKms': 'AWS KMS (HSM:er som AWS driver), kundförvaltad nyckel',
  'custody.awsKms.clientSide':
    'AWS KMS (HSM:er som AWS driver), som andra lager. Det första lagret, krypteringen i kundens egna lokaler, syns inte i en mall: det är granskningen av uppladdningar, som avvisar allt utom kundens chiffertext, som visar att det används',
  'custody.awsKms.hsmPending': 'AWS KMS (HSM:er som AWS driver): kundens CloudHSM-baserade nyckel finns ännu inte i mallen',
  'custody.external':
    'ett externt nyckellager i KMS (`{store}`): nyckelmaterialet är kundens HSM-nyckel `{xksKeyId}` i kundens egna lokaler, som används via den XKS-proxy kunden driver; ursprung EXTERNAL_KEY_STORE, en enda region. KMS kan inte rotera den: nyckelmaterialet roteras i HSM:en bakom samma id (se suverens driftinstruktion för det externa nyckellagret)',
  'custody.cloudhsm':
    'ett anpassat nyckellager i KMS (`{store}`) på ett CloudHSM-kluster som ingen annan AWS-kund använder, dedikerat till nyckelförvaringskontot och delat av dess hsm-kunder, där kunden är kryptoansvarig; ursprung AWS_CLOUDHSM, en enda region. Nycklar i ett anpassat nyckellager kan inte roteras automatiskt utan roteras manuellt (se suverens driftinstruktion för HSM-klustret)',
  'custody.unknown': 'ett okänt nyckellager',

  // The reach graph (lib/reach)
  'reach.heading': 'Vem kan nå klartext (varje väg, beräknad av IAM-utvärderaren)',
  'reach.explain':
    'Varje principal som kan nå kundens klartext, själv eller i steg (genom att anta en roll, lämna en roll till en tjänst, skapa en StackSet, starta ett bygge, uppdatera en stack eller en funktion, skriva om en policy, låta S3 kopiera datan), med sin kortaste väg och det som står i vägen. Varje steg är en begäran som IAM-utvärderaren tillät över de syntetiserade mallarna, med identitets- och resurspolicyer, SCP:erna, RCP:n och behörighetsgränser ({principals, plural, one {{principals} principal} other {{principals} principaler}}, {evaluations, plural, one {{evaluations} begäran avgjord} other {{evaluations} begäranden avgjorda}}).',
  'reach.none': 'Ingen principal i grafen når klartext.',
  'reach.path': '{who}: {steps}.',
  'reach.replica':
    'Repliken i {region} (bucket {bucket}), genomsökt på samma sätt från samma principaler ({evaluations, plural, one {{evaluations} begäran avgjord} other {{evaluations} begäranden avgjorda}}): vem som kan nå dess klartext.',
  'reach.replicaNone': 'Ingen principal i grafen når replikens klartext.',
  'reach.step.assume': 'antar {to}',
  'reach.step.pass-and-run.cloudformation': 'lämnar {to} till CloudFormation och driftsätter en stack som den',
  'reach.step.pass-and-run.stacksets': 'skapar en StackSet vars stackar körs som {to} i medlemskontona',
  'reach.step.pass-and-run.lambda': 'lämnar {to} till en funktion (en ny, eller en som den konfigurerar om) och kör egen kod som den',
  'reach.step.pass-and-run.codebuild': 'lämnar {to} till ett byggprojekt och kör ett eget bygge som den',
  'reach.step.run-attached.cloudformation': 'uppdaterar en stack som {to} driftsätter',
  'reach.step.run-attached.change-set': 'skapar och verkställer en ändringsuppsättning för en stack som {to} driftsätter',
  'reach.step.run-attached.codebuild': 'startar ett bygge av ett projekt som körs som {to}, med en egen buildspec',
  'reach.step.run-attached.codepipeline': 'ändrar pipelinen som kör {to} och tar bort dess godkännande',
  'reach.step.invoke': 'anropar en funktion som körs som {to}, med egen indata',
  'reach.step.rewrite-policy': 'skriver om policyerna för {to}, som den kan bli, så att de tillåter det som gränsen och SCP:erna lämnar',
  'reach.step.remove-boundary': 'tar bort behörighetsgränsen för {to}',
  'reach.step.assign': 'tilldelar behörighetsuppsättningen för {to} i kundens konto till en användare eller grupp den styr, och loggar in genom den',
  'reach.step.change-code': 'ändrar koden i en funktion som körs som {to}',
  'reach.step.rewrite-trust': 'skriver om förtroendepolicyn för {to} och antar den',
  'reach.step.rewrite-own-policy': 'ger sig själv fler behörigheter genom att skriva om sina egna policyer',
  'reach.end.decrypt': 'dekrypterar en kopia av den krypterade datan (kms:Decrypt anropat direkt)',
  'reach.end.read': 'läser ett godkänt objekt, som S3 dekrypterar åt den',
  'reach.end.rewrite-key-policy': 'skriver om nyckelpolicyn så att den själv får dekryptera (via S3, eller en kopia av den krypterade datan)',
  'reach.end.grant': 'skapar ett KMS-tillstånd (grant) åt sig själv och dekrypterar (via S3, eller en kopia av den krypterade datan)',
  'reach.end.rewrite-bucket-policy': 'skriver om bucketpolicyn så att den själv får läsa',
  'reach.end.re-encrypt': 'omkrypterar datanycklarna under en nyckel den själv har, och dekrypterar dem',
  'reach.end.replicate':
    'konfigurerar replikering av bucketen med en roll som S3 agerar som, så att S3 dekrypterar objekten och kopierar dem till en bucket den själv har',
  'reach.end.batch-copy':
    'startar ett S3 Batch Operations-jobb med en roll som får läsa, så att S3 dekrypterar objekten och kopierar dem till en bucket den själv har',
  'reach.gates': 'Spärrar: {gates}.',
  'reach.noGates': 'Spärrar: **inga**.',
  'reach.gate.approval': 'godkännande av {approvers}',
  'reach.gate.break-glass': 'break-glass, som utlöser larmet `{alarm}`',
  'reach.gate.boundary': 'behörighetsgränsen `{policy}`',
  'reach.gate.proxy': 'bara medan XKS-proxyn för nyckellagret `{keyStore}` svarar (dess nödstopp bryter vägen)',
  'reach.gate.mfa': 'en session inloggad med MFA',
  'reach.gate.next-release': 'pipelinens nästa släpp, vars godkännare godkänner släppet och inte ser det ändrade projektet',
  'reach.grantsAtRunTime': 'KMS-tillstånd (grants) finns bara vid körning (ListGrants): mallarna kan inte visa dem, och därför inte heller den här grafen.',
  'reach.clientSide':
    'Ingen AWS-principal når klartext: objekten krypteras i kundens lokaler före uppladdning, och S3 lagrar bara krypterad data. Klartext ligger inom räckhåll för den som har kundens nyckel (nyckelfil eller HSM-nyckel) och dess offline-återställningsnyckel, i lokalerna.',
  'reach.cryptoUsers':
    'Utanför IAM: den som har kryptoanvändarens inloggningsuppgifter för klustret `{cluster}` (kmsuser-lösenordet i Secrets Manager i nyckelförvaringskontot, som bara nyckelhanteraren och den kryptoansvarige får läsa) kan använda nycklarna i HSM:erna.',
  'access.directOnly': 'Tabellen nedan visar **bara direkta anrop**: en begäran per principal, inga steg. Vägarna ovan är vad var och en kan nå.',

  'access.heading': 'Vem får göra vad (beräknat av IAM-utvärderaren utifrån mallarna)',
  'access.explain':
    'Avgjort av IAM-utvärderaren utifrån de syntetiserade mallarna, med varje identitets IAM-policyer, bucketens och nyckelns policyer, SCP:erna och RCP:n; administratörer har AdministratorAccess.',
  'access.hover': 'Håll pekaren över en cell för att se den avgörande satsen (statement) i policyn.',
  'access.principal': 'identitet',
  'access.only': 'Endast dessa får **{capability}** ({meaning}): {principals}.',
  'capability.write': 'skriva',
  'capability.read': 'läsa',
  'capability.list-versions': 'lista versioner',
  'capability.decrypt': 'dekryptera',
  'capability.delete': 'radera',
  'capability.reconfigure': 'ändra inställningar',
  'capability.write.meaning':
    'PutObject av ett nytt objekt under {prefix} med SSE-KMS under kundens nyckel och granskningsetiketten "{tag}" (med det KMS-anrop som S3 gör i anroparens namn)',
  'capability.read.meaning': 'GetObject av ett objekt som granskningen godkänt (med den Decrypt som S3 gör i anroparens namn)',
  'capability.list-versions.meaning':
    'ListObjectVersions under {prefix}: varje versions nyckel, storlek och datum, även väntande och raderade, inget innehåll (det som suveren export behöver)',
  'capability.decrypt.meaning': 'kms:Decrypt anropat direkt på kundens nyckel, som med en kopierad chiffertext',
  'capability.delete.meaning': 'DeleteObjectVersion: permanent radering av en objektversion',
  'capability.reconfigure.meaning': 'PutBucketPolicy på databucketen eller PutKeyPolicy på kundens nyckel',
  'principal.deployRole': 'CDK:s driftsättningsroll i konto {account}',
  'principal.cfnExec': 'CloudFormations exekveringsroll i konto {account} (det varje driftsättning körs som)',
  'principal.outsider': 'en principal utanför organisationen (med AdministratorAccess i sitt eget konto)',
  'principal.deploymentAdministrator': 'driftsättningskontots administratör (Suveren-Pipelines konto, betrott enligt designen)',
  'principal.managementAdministrator': 'förvaltningskontots administratör (ingen SCP eller RCP binder den)',
  'principal.stackSetExecution': 'StackSets exekveringsroll som AWS skapar i konto {account} (stacksets-exec-*)',
  'principal.pipelineDeploy': 'Suveren-Pipelines driftsättningsprojekt ({name}), som kör en släppt ändring',
  'principal.custodyRole': 'nyckelförvaringskontot: rollen {name}',
  'principal.tenantRole': 'kundens roll {name}',
  'principal.externalKeyProvisioner': 'nyckelförvaringskontot: rollen som skapar externa nycklar',
  'principal.hsmKeyProvisioner': 'nyckelförvaringskontot: rollen som skapar HSM-nycklar',
  'principal.custodyBreakGlass': 'nyckelförvaringskontot: nödåtkomstrollen',
  'principal.custodyAdministrator': 'nyckelförvaringskontots administratör',
  'principal.deployment': 'plattformens driftsättningsroll (CloudFormation)',
  'principal.conformanceRule': 'rollen för AWS Configs efterlevnadsregler',
  'principal.breakGlass': 'nödåtkomstrollen',
  'principal.replicaAccountAdministrator': 'replikakontots administratör',
  'principal.tenantAdministrator': 'kundkontots administratör',
  'principal.identityCenterGroups':
    'medlemmar i IAM Identity Center-{count, plural, one {gruppen} other {grupperna}} {groups} (behörighetsuppsättning {permissionSet})',
  'principal.identityCenterGroup': 'medlemmar i IAM Identity Center-gruppen {group} (behörighetsuppsättning {permissionSet}, inloggade som {role})',
  'principal.identityCenterAdministrator': 'administratör för IAM Identity Center (delegerat administratörskonto {account})',
  'principal.otherTenantAdministrator': 'en annan kunds administratör ({tenant})',

  'upload.none': 'Ingen granskning av uppladdningar är driftsatt: mallen har ingen granskningsfunktion. Objekten skyddas enbart av bucketens policy.',
  'upload.triggered': 'Varje nytt objekt kontrolleras av en granskningsfunktion: SSE-KMS under kundens nyckel.',
  'upload.notTriggered': '**Ingen händelsekälla**: objekten kontrolleras inte av granskningsfunktionen, som annars kontrollerar SSE-KMS under kundens nyckel.',
  'upload.clientSide':
    'För den här nivån läser den dessutom ett meddelande från AWS Encryption SDK (bindande algoritmsvit, kundens och objektets krypteringskontext, tillåtna nyckelleverantörer) ur objektets första byte, utan att dekryptera.',
  'upload.quarantine': 'Godkända objekt märks; avvisade versioner kopieras till Karantänbucketen `{bucket}` och raderas först därefter.',
  'upload.deadLetter': 'Misslyckade granskningar görs om och hamnar sedan i en kö för obeställbara meddelanden (dead-letter queue).',
  'upload.noDeadLetter': '**Ingen kö för obeställbara meddelanden (dead-letter queue).**',

  'recovery.configured':
    'Varje objekt är också inpackat (RSA-OAEP-SHA-256) för kundens frånkopplade återställningsnyckel {fingerprint}; mallarna innehåller bara dess publika del, och granskningsfunktionen sätter varje objekt som inte är inpackat för den i karantän. Går huvudnyckeln (nyckelfil eller HSM) förlorad går inga data förlorade bara så länge kunden behåller återställningsnyckelns privata del: var och av vem den förvaras ska den personuppgiftsansvarige dokumentera, och har den inte behållits går varje objekt förlorat med huvudnyckeln.',
  'recovery.missing':
    '**Ingen återställningsnyckel är konfigurerad.** Kundens huvudnyckel (nyckelfil eller HSM) är den enda nyckeln: går den förlorad går varje objekt som krypterats under den förlorat. Uppladdningar kräver att --no-recovery anges uttryckligen. Konfigurera tenants[].clientSide.recoveryPublicKey (se suverens vägledning om nycklar för kryptering på klientsidan).',

  'xks.heading': 'Externt nyckellager',
  'xks.store': '**Externt nyckellager** `{name}`{where}: {reach}; kundens nyckel är `{keyId}` i kundens HSM.',
  'xks.where': ' (stack `{stack}`, konto {account})',
  'xks.reach.vpc': 'KMS når kundens proxy på `{endpoint}` via en VPC-slutpunktstjänst som bara KMS får använda',
  'xks.reach.public': 'KMS når kundens proxy på `{endpoint}` via **en publik slutpunkt, över internet**',
  'xks.notDeclared': '**ännu inte deklarerat** (steg 1: proxyns inloggningsuppgift är inte konfigurerad, så KMS kan inte använda nyckeln)',
  'xks.keyOriginScp': 'En SCP för nyckelursprung låter KMS skapa enbart nycklar i externa nyckellager i det kontot.',
  'xks.noKeyOriginScp': '**Ingen SCP för nyckelursprung är kopplad till lagrets konto.**',
  'xks.killSwitch': 'Nödstopp.',
  'xks.killSwitch.bucketKeys':
    'När kundens proxy förseglas vägrar KMS varje ytterligare kryptering och dekryptering under nyckeln, men **S3 Bucket Keys är påslagna**: S3 fortsätter att använda en cachad nyckel på bucketnivå under en tid som AWS inte anger, så förseglingen verkar först när den cachen löper ut.',
  'xks.killSwitch.sealed':
    'När kundens proxy förseglas (`suveren xks-proxy seal` eller dess flaggfil) vägrar den varje kryptering och dekryptering från och med nästa anrop: proxyn läser flaggan vid varje anrop. S3 Bucket Keys är avstängda för den här nivån, så varje skrivning och läsning av ett objekt frågar KMS, som frågar proxyn: när den är förseglad skrivs eller läses inget objekt under nyckeln. Anrop vars nyckel redan dekrypterats före förseglingen slutförs, och det som redan lästs kan inte återkallas. Så länge proxyn inte är förseglad kan AWS fortfarande tvingas använda nyckeln; proxyns granskningslogg registrerar varje användning.',
  'xks.alarms': '**Larm på lagret** (KMS XKS-mätvärden):',
  'xks.noAlarms': '**Inga larm på lagret.**',

  'annex.heading': 'Teknisk bilaga till den personuppgiftsansvariges bedömning',
  'annex.intro':
    'Vem som tekniskt kan nå klartext, nycklar eller metadata på den här nivån. Sannolikhet, konsekvens, kvarstående risk och godtagande tas inte fram här: den personuppgiftsansvarige dokumenterar dem i sitt eget ärende.',
  'annex.kind.us-law-enforcement':
    'Amerikanska brottsbekämpande myndigheters åtkomst: Stored Communications Act (18 U.S.C. 2701 ff.), ändrad genom CLOUD Act (2018)',
  'annex.kind.us-intelligence':
    'Amerikansk underrättelseinhämtning: FISA avsnitt 702 (50 U.S.C. 1881a) och Executive Order 12333, såsom den avgränsas av Executive Order 14086 (2022)',
  'annex.kind.hostile-state':
    'Hot från främmande stater som de nationella hotbedömningarna beskriver dem (intrång i kundens eller leverantörens system, insiders): inget rättsligt föreläggande utan ett säkerhetshot',
  'annex.metadata':
    'Metadata är alltid inom leverantörens räckhåll: objektnycklar, storlekar, tidpunkter, kundens konto och region samt CloudTrails registrering av varje anrop.',
  'annex.standard.us-law-enforcement':
    'Leverantören förvarar nyckelmaterialet i sina egna HSM:er och driver de tjänster som dekrypterar, så ett föreläggande mot leverantören kan tekniskt nå klartext.',
  'annex.standard.us-intelligence':
    'Samma tekniska räckvidd som ovan: klartext via leverantörens tjänster och nyckelmaterial, samt metadata. Sådan åtkomst behöver inte röjas för kunden.',
  'annex.standard.hostile-state':
    'En inkräktare som tar kontroll över en kundroll med läsrätt, eller över leverantörens infrastruktur, når klartext; loggspåret och larmet för anrop utanför tillåtna regioner registrerar användning av kundens roller och nyckel.',
  'annex.hsm.us-law-enforcement':
    'Nyckeln kan inte exporteras från kundens CloudHSM-kluster, men så länge nyckellagret är anslutet dekrypterar leverantörens tjänster på begäran, så ett föreläggande mot leverantören kan tekniskt nå klartext genom tjänsten; när den kryptoansvarige kopplar från lagret dekrypteras ingenting.',
  'annex.hsm.us-intelligence': 'Samma tekniska räckvidd som ovan så länge nyckellagret är anslutet, utan att kunden underrättas; inte själva nyckelmaterialet.',
  'annex.hsm.hostile-state':
    'Som för standard, och därtill HSM-klustrets inloggningsuppgifter för den kryptoansvarige och lösenordet för kmsuser: den som har dem styr nyckellagret.',
  'annex.external.us-law-enforcement':
    'Nyckeln stannar i kundens HSM i kundens egna lokaler. Så länge kundens proxy inte är förseglad kan leverantörens tjänster dekryptera objekt genom den (varje användning skrivs i kundens egen granskningslogg i proxyn); när den är förseglad dekrypteras ingenting.',
  'annex.external.us-intelligence':
    'Samma tekniska räckvidd som ovan så länge proxyn inte är förseglad; varje användning passerar ändå kundens proxy och dess logg, som leverantören inte kan ändra.',
  'annex.external.hostile-state':
    'Som för standard, och därtill kundens lokaler: HSM:en, proxyns värd och dess inloggningsuppgift, och den som får försegla eller öppna proxyn.',
  'annex.client-side.us-law-enforcement':
    'Leverantören lagrar bara chiffertext som framställts i kundens lokaler; den har varken nyckeln eller klartext, så ett föreläggande mot leverantören kan nå chiffertext och metadata, inte innehåll.',
  'annex.client-side.us-intelligence': 'Detsamma: chiffertext och metadata, inte innehåll eller nycklar.',
  'annex.client-side.hostile-state':
    'Nycklarna och klartexten finns i kundens lokaler (nyckelfiler, HSM:en, den frånkopplade återställningsnyckeln): det är där, inte hos leverantören, som innehållet kan nås.',
  'annex.assessment.label': 'Den personuppgiftsansvariges bedömning:',
  'annex.assessment.provided': 'diarienummer {reference}, beslutat {date}, beslutsfattare: {role}',
  'annex.assessment.missing': 'inte angiven (konfigurationen `tenants[].assessment`)',
  'annex.providerFacts': '**Uppgifter om leverantören som den personuppgiftsansvarige själv måste bekräfta** (suveren fyller inte i någon av dem):',
  'annex.providerFact': '{fact}: inte angivet. Källa: {source}.',
  'providerFact.entity': 'Vilken AWS-enhet avtalet ingås med',
  'providerFact.entity.source': 'AWS Customer Agreement och kontots faktureringsenhet (AWS-konsolen, kontoinställningar)',
  'providerFact.dpa': 'Personuppgiftsbiträdesavtalet (AWS GDPR Data Processing Addendum): version och datum',
  'providerFact.dpa.source': 'AWS GDPR Data Processing Addendum, som ingår i AWS Service Terms',
  'providerFact.subprocessors': 'Datum för den förteckning över underbiträden som åberopas',
  'providerFact.subprocessors.source': 'AWS:s publicerade förteckning över underbiträden (aws.amazon.com/compliance/sub-processors)',
  'providerFact.mechanism': 'Överföringsverktyget för en eventuell överföring: certifiering enligt Data Privacy Framework eller standardavtalsklausuler',
  'providerFact.mechanism.source':
    'förteckningen över organisationer som certifierats enligt Data Privacy Framework (dataprivacyframework.gov) och standardavtalsklausulerna i personuppgiftsbiträdesavtalet',
  'providerFact.support': 'Varifrån support- och driftpersonal kan nå data',
  'providerFact.support.source': 'personuppgiftsbiträdesavtalet och leverantörens svar till den personuppgiftsansvarige',

  'org.heading': 'Skyddsregler i organisationen',
  'org.partition': 'Partition: `{name}`; resurskontrollpolicy (RCP): {rcp}.',
  'org.assumed': '**Antas finnas enligt konfigurationen** (`organization.assumeAvailable`), jämfört med suverens partitionstabell:',
  'org.assumedItem': '`{capability}`: {description}; tabellen säger **{table}** ({source})',
  'org.noRcp': '**Ingen resurskontrollpolicy i denna partition.** Dataperimetern vilar på dessa kompenserande åtgärder:',
  'org.compensating.perimeter': '{count} av {total} data- och Karantänbucketar nekar dataåtkomst för alla utom kundens egna roller',
  'org.compensating.tls': '{count} av {total} data- och Karantänbucketar nekar anrop utan TLS',
  'org.compensating.keys':
    '{count} av {total} datanycklar namnger varje identitet i sin nyckelpolicy, utan någon sats (statement) som låter ett kontos IAM ge behörighet att använda dem',
  'org.compensating.scps':
    '{count, plural, one {{count} SCP hindrar} other {{count} SCP:er hindrar}} medlemskonton från att ändra ägarna till dessa policyer: suverens roller och funktioner, loggspåret, nycklar i en enda region och S3 Block Public Access är skyddade',
  'org.residualGap.label': 'Kvarstående lucka.',
  'org.residualGap':
    '{partition} har inga resurskontrollpolicyer. En RCP skulle på ett ställe, för varje medlemskonto, neka varje anrop från en identitet utanför organisationen och varje anrop utan TLS mot resurser i S3, KMS, STS, Secrets Manager och SQS. Här beror vart och ett av dessa nekanden på resursens egen policy: en bucket, nyckel, roll, post i Secrets Manager eller kö som skapats utanför suverens stackar har inget av dem, och en vars policy ändras av någon som får ändra den (driftsättningsrollen, nödåtkomst) förlorar dem. SCP:erna kan inte ersätta detta: de binder bara organisationens egna identiteter, aldrig en utomstående.',
  'org.noPolicies': 'Inga organisationspolicyer i sammanställningen.',
  'org.column.policy': 'policy',
  'org.column.type': 'typ',
  'org.column.attachedTo': 'kopplad till',
  'org.column.purpose': 'syfte (citerat)',
  'org.trail':
    'Loggspår: organisationens loggspår {organization}, alla regioner {allRegions}, validering av loggfiler {validation}, KMS-krypterat {encrypted}, Object Lock i arkivet: {objectLock}.',
  'org.noTrail': 'Loggspår: **inget i sammanställningen**.',
  'org.alarm': 'Larmet `{name}` når {recipients}.',
  'org.alarmNobody': 'Larmet `{name}` når **ingen**: dess ämne har ingen prenumerant (konfigurationen `notifications.audit`).',

  'deploy.heading': 'Driftsättning',
  'deploy.none': 'Ingen pipeline i sammanställningen: landningszonen driftsätts manuellt (se suverens vägledning om driftsättning).',
  'deploy.pipeline': '`{stack}` i konto {account}, {region}: CodePipeline {type}, körläge {mode}. Källa: {source}.',
  'deploy.source.s3': 'ett utgåveobjekt ({key}) i pipelinens utgåvebucket, som vägrar skrivningar från alla utom de identiteter som får publicera utgåvor',
  'deploy.source.connection': 'förrådet {repository}, grenen {branch}, via AWS CodeConnections',
  'deploy.source.other': 'en källa av typen {provider}',
  'deploy.stages': 'Steg: {stages}.',
  'deploy.stageActions': '{name} ({count, plural, one {{count} driftsättningsåtgärd} other {{count} driftsättningsåtgärder}})',
  'deploy.approval': 'Godkännandet `{action}` öppnar steget {stage}; underrättas: {approvers}',
  'deploy.lastDeployed': 'Senast driftsatta sammanställning: {where}.',
  'deploy.baseline.kept':
    'pipelinens referensbucket ({bucket}), under deployed/: varje stacks mall såsom den senast driftsattes, skriven när stackens driftsättning lyckats; varje körning planeras mot den före sitt godkännande',
  'deploy.baseline.none': 'sparas inte: mallen deklarerar ingen referensbucket',

  'runtime.heading': 'Efterlevnad under drift (AWS Config)',
  'runtime.notRead':
    'Inte inläst i denna rapport: `suveren conformance` lägger till vad AWS Config rapporterar om den driftsatta landningszonen (se suverens vägledning om kontrollerna i AWS Config).',
  'runtime.read': 'Inläst från aggregatorn `{aggregator}` ({region}) {readAt}: {counts}.',
  'runtime.noResult': '**Inget resultat** för: {tenants}.',
  'runtime.column.who': 'kund eller konto',
  'runtime.column.rule': 'regel',
  'runtime.column.controls': 'kontroller',
  'runtime.column.compliance': 'efterlevnad',
  'runtime.column.noncompliant': 'följer inte regeln',
  'runtime.since': 'sedan {time}',

  'findings.heading': 'Fynd',
  'findings.none': 'Inga öppna fynd.',
  'findings.column.pack': 'regelpaket',
  'findings.column.rule': 'regel',
  'findings.column.severity': 'allvarlighetsgrad',
  'findings.column.resources': 'resurser',
  'findings.column.description': 'beskrivning (citerad)',
  'acknowledgments.heading': 'Godtagna avvikelser',
  'acknowledgments.column.stack': 'stack',
  'acknowledgments.column.construct': 'konstruktion',
  'acknowledgments.column.reason': 'skäl (citerat)',

  'legal.heading': 'Vad varje nivå gör, och vilka regler den är relevant för',
  'legal.tier.plaintext': 'Nivå `{tier}`: klartext är åtkomlig för leverantören',
  'legal.tier.noPlaintext': 'Nivå `{tier}`: leverantören har aldrig klartext eller nyckeln',
  'legal.keyCustody': 'Nyckelförvaring: {custody}.',
  'legal.technicallyPossible.label': 'Vad som tekniskt förblir möjligt.',
  'legal.measures.label': 'Åtgärder.',
  'legal.edpb.label': 'EDPB:s rekommendationer 01/2020.',
  'legal.nist.label': 'NIST SP 800-53, revision 5.',
  'tier.standard.custody': 'kundförvaltad nyckel i AWS KMS, en per kund',
  'tier.hsm.custody':
    'en egen KMS-nyckel i ett anpassat nyckellager på ett CloudHSM-kluster som är dedikerat till nyckelförvaringskontot och delas av dess hsm-kunder (FIPS 140-3 nivå 3)',
  'tier.external.custody': 'KMS-nyckel i ett externt nyckellager: nyckelmaterialet stannar i kundens egen HSM, som nås via den XKS-proxy kunden driver',
  'tier.client-side.custody': 'AWS Encryption SDK i kundens egna lokaler; nyckeln lämnar dem aldrig',
  'measure.region':
    'Bucketar och nycklar skapas bara i de tillåtna EU-regionerna: det upprätthålls vid syntes (regionspärren), genom SCP för varje verktyg och bevakas av ett larm på organisationens loggspår. Var data lagras avgör inte ensamt om personuppgifter överförs till tredjeland, eftersom även en leverantörs åtkomst från tredjeland kan vara en överföring (EDPB:s riktlinjer 05/2021): det är den personuppgiftsansvariges bedömning enligt artiklarna 44–49 i dataskyddsförordningen.',
  'measure.tls':
    'TLS 1.2 eller senare för varje anrop, upprätthållet av bucketens policy och av dataperimeterns RCP där partitionen har resurskontrollpolicyer (relevant för artiklarna 32.1 a och 5.1 f i dataskyddsförordningen).',
  'measure.separation':
    'Egen bucket, nyckel och roller per kund: varje personuppgiftsansvarigs data hålls åtskilda av egen nyckelpolicy och bucketpolicy (relevant för artiklarna 25 och 28.3 c i dataskyddsförordningen).',
  'measure.trail':
    'Organisationens loggspår med validering av loggfiler, i ett arkiv med Object Lock: vilken identitet som använde vilken nyckel och vilket objekt registreras, och ändringar i registreringen går att upptäcka (relevant för artiklarna 5.2 och 32.1 d i dataskyddsförordningen).',
  'measure.standard.key':
    'Kundförvaltad KMS-nyckel per kund, som bara kan användas via S3 i de tillåtna regionerna, med administratörer åtskilda från användare (relevant för artikel 32.1 a i dataskyddsförordningen).',
  'measure.hsm.key':
    'Kundens egen KMS-nyckel i ett anpassat nyckellager på nyckelförvaringskontots CloudHSM-kluster, som delas av dess hsm-kunder (FIPS 140-3 nivå 3); kundens kryptoansvarige styr HSM-användarna och kan koppla från nyckellagret, varefter inget objekt kan dekrypteras (relevant för artikel 32.1 a i dataskyddsförordningen).',
  'measure.external.key':
    'KMS-nyckel i ett externt nyckellager: nyckeln stannar i kundens HSM i kundens lokaler, varje användning godkänns av proxyns policy per nyckel (bara S3 i de tillåtna regionerna, bara kundens roller) och skrivs i kundens egen granskningslogg, och en försegling av proxyn stoppar all dekryptering tills kunden öppnar den igen (relevant för artiklarna 32.1 a och 32.1 b i dataskyddsförordningen).',
  'measure.external.bucketKeys':
    'S3 Bucket Keys är avstängda för den här nivån, så varje skrivning och läsning av ett objekt når kundens proxy: granskningsloggen ser varje objekt, och en försegling fördröjs inte av en cachad bucketnyckel.',
  'measure.client-side.key':
    'Kryptering hos klienten med en nyckel som förvaras i kundens lokaler (bindande algoritmsvit, krypteringskontext som binder kund och objekt), med SSE-KMS som andra lager (relevant för artiklarna 32.1 a och 34.3 a i dataskyddsförordningen).',
  'possible.standard':
    'AWS förvarar nyckelmaterialet (i HSM:er som AWS driver) och behandlar klartext i minnet när S3 krypterar och dekrypterar. En leverantör som tvingas enligt ett tredjelands lag (t.ex. amerikanska CLOUD Act) skulle tekniskt kunna förmås att dekryptera. Nyckelpolicyer, CloudTrail och avtalsåtaganden begränsar och synliggör detta men förhindrar det inte.',
  'possible.hsm':
    'Nyckeln finns i ett CloudHSM-kluster som ingen annan AWS-kund använder (delat av nyckelförvaringskontots hsm-kunder, var och en med egen nyckel) där kunden är kryptoansvarig, men S3 och KMS behandlar fortfarande klartext i leverantörens infrastruktur vid kryptering och dekryptering. En leverantör under tvång kan inte ta ut nyckeln men skulle fortfarande kunna hantera data medan de används.',
  'possible.external':
    'Nyckelmaterialet kommer aldrig in i AWS: varje kryptering och dekryptering av en datanyckel utförs av kundens egen HSM, via den XKS-proxy kunden driver. Men så länge nyckellagret är anslutet behandlar S3 och KMS fortfarande klartext i leverantörens infrastruktur, och en leverantör under tvång skulle kunna låta S3 dekryptera objekt genom kundens proxy utan kundens samtycke: XKS förhindrar att nyckeln tas ut, inte tvingad användning. En försegling av proxyn (nödstoppet) eller en frånkoppling av lagret stoppar varje ytterligare dekryptering, men först från den stunden: det som redan dekrypterats kan inte göras ogjort, och kunden måste upptäcka behovet för att agera (proxyns granskningslogg registrerar varje användning).',
  'possible.client-side':
    'Leverantören lagrar bara chiffertext som framställts i kundens lokaler med AWS Encryption SDK; nyckeln når aldrig AWS. En leverantör under tvång kan lämna ut chiffertext och metadata (objektnycklar, storlekar, tidpunkter), inte innehåll.',
  'edpb.standard':
    'Leverantörens tjänster behandlar data i klartext: S3 och KMS krypterar och dekrypterar i leverantörens infrastruktur, med nyckelmaterial som AWS förvarar. EDPB:s rekommendationer 01/2020 (version 2.0) beskriver detta som användningsfall 6, för vilket EDPB inte kunde se någon verkningsfull teknisk åtgärd. Om detta har betydelse för kundens data (om en överföring sker, dess risk och vad uppgifternas sekretess kräver) är den personuppgiftsansvariges bedömning; en klassning i suveren besvarar inte den frågan.',
  'edpb.hsm':
    'Klartext är tillgänglig för leverantörens tjänster medan S3 och KMS krypterar och dekrypterar (situationen i EDPB:s rekommendationer 01/2020, version 2.0, användningsfall 6). Nyckeln kan inte lämna HSM-klustret som kunden styr, och kundens kryptoansvarige kan stänga av all dekryptering. Om dessa omständigheter räcker för kundens data är den personuppgiftsansvariges bedömning.',
  'edpb.external':
    'Klartext är tillgänglig för leverantörens tjänster medan S3 och KMS krypterar och dekrypterar, via kundens proxy (situationen i EDPB:s rekommendationer 01/2020, version 2.0, användningsfall 6). Nyckeln kommer aldrig in i AWS, varje användning finns i kundens granskningslogg, och kunden kan stoppa all dekryptering på en gång. Om dessa omständigheter räcker för kundens data, och om tvingad användning under behandlingen är godtagbar, är den personuppgiftsansvariges bedömning; nivån client-side är den där leverantören aldrig behandlar klartext.',
  'edpb.client-side':
    'Leverantören lagrar bara chiffertext som framställts i kundens lokaler, och nyckeln når aldrig AWS. Det är de förutsättningar som EDPB:s rekommendationer 01/2020 (version 2.0) anger i användningsfall 1 (lagring som inte kräver åtkomst i klartext, nycklar som behålls under dataexportörens kontroll i EU). Om de är uppfyllda för den personuppgiftsansvariges behandling, och vad den metadata som leverantören ser (objektnycklar, storlekar, tidpunkter) avslöjar, är den personuppgiftsansvariges bedömning.',

  'controls.heading': 'Kontroller och de regler de är relevanta för',
  'controls.intro':
    'Varje kontroll som suveren utför, före driftsättning (dess cdk-nag-regler och regionspärren) eller under drift (AWS Config), med de bestämmelser och den vägledning den är relevant för. Relevant betyder inte uppfyllt: om en bestämmelse är uppfylld för behandlingen är den personuppgiftsansvariges bedömning.',
  'controls.column.control': 'kontroll',
  'controls.column.checks': 'vad den kontrollerar',
  'controls.column.relevantTo': 'relevant för',
  'controls.entry': '{source}, {provision}',
  'controls.provisionUnverified': '(numret hämtat ur en sekundär källa, inte kontrollerat)',
  'controls.kind.synth': 'före driftsättning',
  'controls.kind.runtime': 'under drift, AWS Config',
  'controls.kind.report': 'redovisas av denna rapport',
  'control.Suveren-S1': 'Varje buckets standardkryptering är SSE-KMS under en kundförvaltad nyckel.',
  'control.Suveren-S2': 'Bucketens policy nekar anrop utan TLS och med TLS äldre än 1.2.',
  'control.Suveren-S3': 'Bucketens policy vägrar en uppladdning under annan kryptering eller annan nyckel än bucketens egen.',
  'control.Suveren-KMS1': 'KMS-nycklar med nyckelmaterial som AWS genererat roteras automatiskt.',
  'control.Suveren-KMS2': 'KMS-nycklar finns i en enda region: ingen kopia av en nyckel i en annan region.',
  'control.Suveren-CWL1': 'Logggrupper krypteras under en kundförvaltad nyckel och har en lagringstid.',
  'control.Suveren-L1': 'Funktioner med miljövariabler krypterar dem under en kundförvaltad nyckel.',
  'control.Suveren-L2':
    'Funktioner som S3 anropar har en kö för obeställbara meddelanden (dead-letter queue), så att ingen misslyckad granskning går förlorad.',
  'control.Suveren-CT1': 'Loggspåret validerar loggfiler, krypteras under en kundförvaltad nyckel och registrerar varje region.',
  'control.Suveren-CT2': 'Loggspårets arkivbucket har S3 Object Lock i efterlevnadsläge med en standardlagringstid.',
  'control.Suveren-EDGE1':
    'Inga resurser som behandlar data vid nätverkets kant eller globalt (CloudFront, Global Accelerator, Multi-Region Access Points, S3 Transfer Acceleration).',
  'control.Suveren-REGION1': 'Varje stack ligger i en tillåten region; en region som inte är fastställd vägras.',
  'control.Suveren-REGION2': 'Ingen KMS-nyckel för flera regioner och ingen replikanyckel.',
  'control.Suveren-REGION3': 'Ingen replikering till en region utanför listan över tillåtna regioner, eller till en som inte kan styrkas.',
  'control.Suveren-RT-REGION': 'Varje driftsatt bucket och nyckel ligger i en tillåten region, och ingen nyckel är en flerregionsnyckel.',
  'control.Suveren-RT-S3-SSEC': 'Den driftsatta bucketpolicyn vägrar uppladdningar med en nyckel som kunden tillhandahåller (SSE-C).',
  'control.Suveren-RT-S3-BUCKETKEY': 'S3 Bucket Keys är inställda som nivån anger: påslagna, utom för nivån external.',
  'control.Suveren-RT-S3-VERSIONING': 'Versionshantering är påslagen, så att ett godkänt objekt aldrig går förlorat vid överskrivning eller radering.',
  'control.Suveren-RT-S3-REPLICATION':
    'Databucketen hos en tenant med kontinuitet har en påslagen regel för replikering mellan regioner: kopian fortsätter att ta emot dess objekt.',
  'control.Suveren-RT-S3-PUBLIC': 'Bucketens spärr mot publik åtkomst är påslagen, alla fyra inställningarna.',
  'control.Suveren-RT-KMS-ROOT': 'Ingen driftsatt nyckelpolicy ger ett kontos rot alla KMS-åtgärder.',
  'control.Suveren-RT-KMS-DELETION': 'Ingen nyckel är schemalagd för radering.',
  'control.Suveren-RT-CUSTODY-SECRET':
    'Policyn för en inloggningsuppgift för nyckelförvaring låter bara dess hanterare och den kryptoansvarige läsa den, och bara plattformen ändra den.',
  'control.Suveren-CUSTODY': 'Varje kunds datanyckel förvaras så som dess nivå anger, enligt kundens mall.',
  'control.Suveren-SEPARATION':
    'Varje kund har egen nyckel, bucket och roller; behörighetsmatrisen visar vem som får skriva, läsa, dekryptera, radera och ändra inställningar.',
  'control.Suveren-ANNEX': 'Den tekniska bilagan: vem som tekniskt kan nå klartext, nycklar eller metadata på varje kunds nivå.',
  'control.Suveren-SCOPE':
    'suverens klassningar är dataklasser, inte säkerhetsskyddsklasser; säkerhetsskyddsklassificerade uppgifter ligger utanför tillämpningsområdet.',
  'provision.article': 'artikel {article}',
  'provision.articleParagraph': 'artikel {article}.{paragraph}',
  'provision.articlePoint': 'artikel {article}.{paragraph} {point}',
  'provision.articles': 'artiklarna {from}–{to}',
  'provision.useCase': 'användningsfall {number}',
  'provision.measure': 'åtgärd {number}',
  'provision.principle': 'princip {number}',
  'provision.clause': 'klausul {number}',
  'provision.chapter': 'kapitel {number}',
  'provision.whole': 'hela texten',
  'provision.whereItBinds': 'där den binder den personuppgiftsansvarige',
  'provision.outOfScope': 'tillämpningsområde: uppgifter som den omfattar ligger utanför plattformens tillämpningsområde',
  'provision.ifReliedOn': 'om det är det överföringsverktyg som åberopas',
  'jurisdiction.eu': 'EU och EES',
  'jurisdiction.se': 'Sverige',
  'jurisdiction.no': 'Norge',
  'jurisdiction.us': 'USA',
  'sourceNote.gdpr': 'Titeln och hänvisningen till EUT lästes i kopior av Europeiska unionens officiella tidning, inte på EUR-Lex.',
  'sourceNote.edpb-recommendations-01-2020': 'Version 2.0, antagen den 18 juni 2021, lästes i en kopia av EDPB:s pdf, inte på edpb.europa.eu.',
  'sourceNote.edpb-guidelines-05-2021': 'Version 2.0, antagen den 14 februari 2023, lästes i sekundära källor, inte på edpb.europa.eu.',
  'sourceNote.dpf-appeal-latombe':
    'Tribunalen ogillade talan den 3 september 2025; överklagandet C-703/25 P gavs in den 31 oktober 2025 (EUR-Lex). Om målet fortfarande pågår har inte kontrollerats hos EU-domstolen.',
  'sourceNote.se-osl-10-2a': 'Gäller sedan den 1 juli 2023 (eSam, esamverka.se); lydelsen lästes i sekundära källor, inte på riksdagen.se.',
  'sourceNote.se-lag-2020-914': 'Gäller sedan den 1 januari 2021 (prop. 2019/20:201 på rkrattsbaser.gov.se); titeln lästes i prop. 2022/23:97.',
  'sourceNote.se-esam-utkontraktering-2023': 'eSams nyhet av den 21 juni 2023 lästes; dokumentets egen titel och ES-nummer hittades inte.',
  'sourceNote.se-msbfs-2020-6':
    'Gäller från den 1 oktober 2020 (msb.se). Om föreskrifterna fortfarande gäller efter cybersäkerhetslagen 2026 och efter att MSB blivit Myndigheten för civilt försvar har inte kontrollerats.',
  'sourceNote.se-msbfs-2020-7':
    'Gäller från den 1 oktober 2020 (msb.se). Om föreskrifterna fortfarande gäller efter cybersäkerhetslagen 2026 och efter att MSB blivit Myndigheten för civilt försvar har inte kontrollerats.',
  'sourceNote.se-sakerhetsskyddslag-2018-585':
    'Utfärdad den 24 maj 2018, i kraft den 1 april 2019; uppgifterna lästes i sekundära källor, inte på riksdagen.se.',
  'sourceNote.no-nsm-grunnprinsipper-2-0':
    'Version 2.0 (april 2020) och princip 2.7 med dess åtgärder lästes på nsm.no; numren på principerna 2.6 och 3.2 kommer från sekundära källor.',
  'sourceNote.no-dfo-schrems-ii': 'Sidan lästes; dess exakta titel och datum bekräftades inte.',
  'sourceNote.no-datatilsynet-overforing': 'Titel och adress lästa på datatilsynet.no; vägledningen har varken version eller datum.',
  'sourceNote.se-arkivlag-1990-782':
    'Inte läst hos utgivaren när uppgiften gjordes: nummer och rubrik är som riksdagen anger dem i andra författningar; datum och eventuella ändringar är inte kontrollerade.',
  'sourceNote.se-cybersakerhetsforordning-2025-1507':
    'Inte läst hos utgivaren: numret är det som cybersäkerhetslagen (2025:1506) utfärdades med; datum och vilken myndighet den utser till CSIRT-enhet är inte kontrollerade här.',
  'sourceNote.no-arkivlova':
    'Inte läst på Lovdata när uppgiften gjordes: nummer och datum kommer från sekundära källor, och om en ny arkivlag har ersatt den har inte kontrollerats.',
  'sourceNote.no-digitalsikkerhetsloven':
    'Inte läst på Lovdata när uppgiften gjordes: nummer, datum och de sektorer lagen räknar upp kommer från sekundära källor.',
  'sourceNote.no-sikkerhetsloven': 'Propositionen (Prop. 153 L (2016–2017)) lästes på regjeringen.no; lagens nummer och datum kommer från sekundära källor.',
  'sourceNote.us-eo-14086': 'Sidan i Federal Register lästes inte när uppgiften kontrollerades, och inte heller om ordern fortfarande gäller oförändrad.',
  'sourceNote.us-fisa-702':
    'Section 702 förlängdes i april 2024 på två år; om den har förlängts igen eller upphört har inte kontrollerats: kontrollera i U.S. Code innan ni förlitar er på den.',
  'sourceNote.us-cloud-act':
    'Sidan i U.S. Code lästes inte när uppgiften kontrollerades: kontrollera paragrafens gällande lydelse där innan ni förlitar er på den.',
  'sourceNote.dpf-decision-2023-1795':
    'Länken är beslutets egen sida på EUR-Lex (CELEX 32023D1795). Titel och datum stämmer med kopior av beslutet; sidan på EUR-Lex och hänvisningen till EUT lästes inte när uppgiften kontrollerades.',
  'sources.heading': 'Källor',
  'sources.intro': 'Varje källa som kartläggningen hänvisar till, med det datum då suveren senast kontrollerade den mot utfärdarens egen publicering.',
  'sources.column.source': 'källa',
  'sources.column.issuer': 'utfärdare',
  'sources.column.version': 'version',
  'sources.column.date': 'datum',
  'sources.column.checked': 'kontrollerad',
  'sources.column.status': 'status',
  'sources.verified': 'titel, version och datum kontrollerade mot utfärdarens publicering',
  'sources.unverified': '**inte kontrollerad** mot utfärdarens publicering: kontrollera innan den åberopas',
  'sources.guidance': 'vägledning: en sida utan egen beteckning, läst på utfärdarens webbplats; den kan inte kontrolleras som en författningstext',
  'sources.noVersion': '—',

  'limits.heading': 'Vad rapporten inte kan visa',
  'limit.organizational':
    'Organisatoriska åtgärder: bakgrundskontroll av personal, rutiner för åtkomst, incidenthantering och vilka personer som har inloggningsuppgifter för nödåtkomst.',
  'limit.contract':
    'Avtalet: personuppgiftsbiträdesavtalet med AWS (artikel 28 i dataskyddsförordningen), AWS:s egna underbiträden och det överföringsverktyg som valts för en eventuell kvarstående överföring.',
  'limit.ceremonies':
    'Nyckelceremonier: vem som genererat och förvarar nycklar för kryptering hos klienten, den frånkopplade rotcertifikatutfärdaren och inloggningsuppgifterna för CloudHSM:s kryptoansvarige, och hur de säkerhetskopieras och förstörs.',
  'limit.xksCustomerSide':
    'Kundens sida av ett externt nyckellager: HSM:en, värden för XKS-proxyn och dess TLS-certifikat, förbindelsen via Direct Connect eller VPN, och vem som får försegla proxyn; mallarna visar bara AWS:s sida.',
  'limit.hsmManual':
    'Manuella steg i CloudHSM (signering av klustrets certifikatbegäran, aktivering, skapande av kryptoanvändaren kmsuser): mallarna kan inte visa att de utförts, eller utförts av rätt personer.',
  'limit.deployed':
    'Vad som är driftsatt: rapporten beskriver de syntetiserade mallarna, det vill säga vad `cdk deploy` skulle skapa; avvikelser efter driftsättning kräver AWS Config eller en ny jämförelse.',
  'limit.evaluator':
    'Behörighetsmatrisen beräknas av en utvärderare av IAM-policyer utifrån de syntetiserade mallarna, inte av AWS: den modellerar IAM-, bucket-, nyckel- och förtroendepolicyer, SCP:er och RCP:n, men inte sessionspolicyer, behörighetsgränser som satts utanför suveren eller KMS-grants. För en HSM-baserad nyckel behåller rollen som skapar nyckeln kms:PutKeyPolicy, som KMS:s kontroll mot utelåsning kräver när nyckeln skapas; IAM kan inte styra innehållet i en policy, så det är SCP-skyddet av nyckelhanterarens roll och funktion som hindrar en kund från att använda den.',
  'limit.orgPrerequisites':
    'Förutsättningar i organisationen utanför CloudFormation: aktiverade policytyper, delegerad administration av CloudTrail, nödåtkomstrollen i varje medlemskonto och vilken organisationsenhet varje kundkonto ligger i.',
  'limit.legal':
    'Rättsliga slutsatser: om en överföring till tredjeland sker, om åtgärderna räcker för uppgifterna, om uppgifterna omfattas av sekretess och vilken risk som är godtagbar. Den personuppgiftsansvarige avgör dem i sina egna bedömningar.',
  // Den personuppgiftsansvariges bilaga (lib/evidence/controller-annex.ts, render-annex.ts).
  'ca.title': 'Bilaga för den personuppgiftsansvarige: {name}',
  'ca.intro':
    'Uppgifter till konsekvensbedömningen avseende dataskydd (artikel 35.7 i dataskyddsförordningen) för {name}, lästa ur de syntetiserade mallarna för `{configFile}` och beräknade av IAM-utvärderaren. Den personuppgiftsansvarige bedömer och beslutar; tomma fält fyller den personuppgiftsansvarige i.',
  'ca.blank': '_______________',
  'ca.notProvided': 'ej angivet',
  'ca.a.heading': 'a) Behandlingen',
  'ca.processing.purposes': 'Ändamål',
  'ca.processing.dataCategories': 'Kategorier av personuppgifter',
  'ca.processing.dataSubjects': 'Registrerade',
  'ca.processing.recipients': 'Mottagare',
  'ca.tenantFacts': 'Land: {country}. Typ av organisation: {type}. Dataklass: {classification}. Nivå för nyckelförvaring: `{tier}`.',
  'ca.locations.heading': 'Var varje slags uppgifter finns, och vem som har nyckeln',
  'ca.column.kind': 'Uppgifter',
  'ca.column.where': 'Land (region)',
  'ca.column.encryption': 'Kryptering',
  'ca.column.keyHolder': 'Nyckelinnehavare',
  'ca.where': '{country} ({region})',
  'ca.where.exports': 'utanför AWS',
  'ca.where.none': 'ingen',
  'ca.location.content': 'Innehåll (objekt)',
  'ca.location.object-names': 'Objektnamn och metadata',
  'ca.location.access-logs': 'Åtkomstloggar',
  'ca.location.cloudtrail': 'CloudTrail-poster',
  'ca.location.config-items': 'AWS Config-poster',
  'ca.location.dead-letters': 'Meddelanden i felkön',
  'ca.location.function-logs': 'Funktionsloggar',
  'ca.location.replicas': 'Repliker',
  'ca.location.exports': 'Exporter',
  'annex.encryption.sseKms': 'SSE-KMS under kundens nyckel',
  'annex.encryption.clientSide': 'krypterat i den personuppgiftsansvariges egna lokaler (AWS Encryption SDK) före uppladdning; SSE-KMS därutöver',
  'annex.encryption.metadata': 'inte under kundens nyckel: S3 krypterar bara objektens data, inte namn eller metadata',
  'annex.encryption.none': 'ingen standardkryptering angiven',
  'annex.encryption.sseS3': 'en nyckel som S3 förvaltar (SSE-S3), på alla nivåer: inte kundens nyckel',
  'annex.encryption.notDeclared': 'finns inte i denna samling mallar',
  'annex.encryption.sqsManaged': 'en nyckel som SQS förvaltar',
  'annex.encryption.replicated': 'en replikeringsregel är angiven (se den tekniska bilagan)',
  'annex.encryption.noReplica': 'ingen kopia i en annan region',
  'annex.encryption.replica':
    '{clientSide, select, yes {samma chiffertext, under SSE-KMS med en nyckel i dess egen region} other {SSE-KMS under en nyckel i dess egen region}}, genom S3 Cross-Region Replication{rtc, select, on {, 99,99 % inom 15 minuter (Replication Time Control)} other {}}',
  'annex.encryption.exportPlaintext': 'klartext, så som S3 dekrypterar den för läsaren (`suveren export`)',
  'annex.encryption.exportCiphertext': 'chiffertext som den lagrats (`suveren export`); klartext bara med den personuppgiftsansvariges nyckel',
  'annex.keyHolder.premises': 'den personuppgiftsansvarige, i egna lokaler (en nyckelfil eller egen HSM); AWS har aldrig nyckeln',
  'annex.keyHolder.cloudhsm':
    'KMS-nyckellager på CloudHSM-klustret `{cluster}`, avsett för nyckelförvaringskontot {account} och delat av {count, plural, one {{count} kund} other {{count} kunder}} ({tenants}); dess kryptoansvarige är kunden',
  'annex.keyHolder.external': 'kundens HSM bakom dess XKS-proxy (externt nyckellager `{store}`); förseglas proxyn upphör all användning',
  'annex.keyHolder.kms': 'AWS KMS i kundens konto; kundens nyckeladministratörer förvaltar nyckeln',
  'annex.keyHolder.replicaKms':
    'AWS KMS i kundens konto, i replikens region; plattformens driftsättningsroll och break-glass-rollen förvaltar nyckeln, inte kundens nyckeladministratörer',
  'annex.keyHolder.unknown': 'framgår inte av mallen',
  'annex.keyHolder.aws': 'AWS (S3)',
  'annex.keyHolder.operator': 'driftleverantören: en KMS-nyckel i granskningskontot',
  'annex.keyHolder.none': '—',
  'annex.keyHolder.exportHolder': 'den som förvarar exportkatalogen',
  'ca.b.heading': 'b) Nödvändighet och proportionalitet',
  'ca.b.text': 'Bedöms av den personuppgiftsansvarige mot ändamålen ovan:',
  'ca.c.heading': 'c) Risker: fakta',
  'ca.column.party': 'Part',
  'ca.column.how': 'Hur',
  'ca.column.gates': 'Vad som står i vägen',
  'ca.parties.itself': 'direkt',
  'ca.parties.steps': 'efter {count} steg',
  'ca.parties.none':
    'Ingen: IAM-utvärderaren finner ingen väg från någon identitet i mallarna till klartext. S3 har bara chiffertext; klartext finns där den personuppgiftsansvariges nyckel finns.',
  'ca.parties.notComputed': 'Inte beräknat: IAM-utvärderaren kördes inte, så bilagan kan inte namnge någon part.',
  'ca.parties.count':
    '{count, plural, one {{count} part når klartext, på varje väg IAM-utvärderaren finner i mallarna (driftleverantörens roller medräknade)} other {{count} parter når klartext, på varje väg IAM-utvärderaren finner i mallarna (driftleverantörens roller medräknade)}}',
  'ca.gate.approval': 'ett godkännande',
  'ca.gate.break-glass': 'larm vid nödåtkomst',
  'ca.gate.boundary': 'behörighetsgräns',
  'ca.gate.proxy': 'XKS-proxyn (nödstopp)',
  'ca.gate.mfa': 'MFA',
  'ca.gate.next-release': 'nästa utgåva',
  'ca.gate.none': 'inget',
  'ca.usOrders.heading': 'Vad ett amerikanskt föreläggande skulle kunna nå (se den tekniska bilagan)',
  'ca.integrity.heading': 'Riktighet (artikel 32.1 b)',
  'annex.integrity.versioning': 'Versionshantering är på: en överskrivning eller radering behåller den tidigare versionen.',
  'annex.integrity.noVersioning': 'Versionshantering är av: en överskrivning eller radering förlorar den tidigare versionen.',
  'annex.integrity.inspection': 'Varje uppladdning granskas; bara godkända objekt kan läsas, avvisade läggs i karantän.',
  'annex.integrity.noInspection': 'Uppladdningar granskas inte.',
  'annex.integrity.objectLock': 'Object Lock skyddar databucketens versioner under sin period.',
  'annex.integrity.noObjectLock': 'Inget Object Lock på databucketen: den som får radera versioner kan radera dem (det är det som gör radering möjlig).',
  'annex.integrity.trailValidated': 'CloudTrail-posterna signeras med sammandrag (validering av loggfiler) och sparas i ett arkiv med Object Lock.',
  'ca.availability.heading': 'Tillgänglighet (artikel 32.1 b och c)',
  'annex.availability.replicated':
    'Uppgifterna har en andra kopia i {replicaRegion}, skriven av S3 Cross-Region Replication efter varje uppladdning{rtc, select, on { (99,99 % inom 15 minuter)} other { (asynkront: de nyaste objekten kan saknas där än)}}; förloras {region} läser läsaren kopian där. {deletes, select, on {En radering i källan döljer objektet i kopian också.} other {En radering i källan når inte kopian, så den kan göras ogjord därifrån.}}',
  'annex.availability.oneRegion':
    'Uppgifterna finns i en region ({region}), utan kopia i någon annan: förloras regionen är de otillgängliga tills regionen är tillbaka.',
  'annex.availability.versions':
    'Överskrivna eller raderade objekt kan återställas från sina versioner i {days, plural, one {{days} dag} other {{days} dagar}}.',
  'annex.availability.noVersions': 'Utan versionshantering kan inget överskrivet eller raderat återställas.',
  'annex.availability.suspension':
    'Stänger eller spärrar AWS kontot är uppgifterna utom räckhåll; resurser som finns kvar i ett stängt medlemskonto raderas efter 90 dagar (AWS Organizations API-referens, CloseAccount).',
  'annex.availability.keyAvailability':
    'Uppgifterna kan läsas bara så länge nyckeln kan användas: en inaktiverad, raderad eller frånkopplad nyckel gör dem oläsliga.',
  'annex.availability.premisesKey':
    'Uppgifterna kan läsas bara med den personuppgiftsansvariges nyckel (eller återställningsnyckeln): förloras båda förloras uppgifterna.',
  'annex.availability.drill':
    'Den senaste återställningsövningen ({date}) läste tillbaka {sampled, plural, one {{sampled} stickprovskopia} other {{sampled} stickprovskopior}} ur kopian som läsaren skulle efter en förlust och verifierade {verified} mot databucketens kontrollsummor; {failed} objekt hade misslyckats att replikeras{rpo, select, none {} other {, och kopian låg {rpo} s efter (den observerade återställningspunkten)}}: {passed, select, yes {den godkändes} other {den godkändes inte}}.',
  'annex.availability.noDrill':
    'Ingen återställningsövning finns registrerad: resultatet anges här när suveren continuity drill har körts och konfigurationen anger dess rapport (continuity.drillReport).',
  'ca.c.text': 'Sannolikhet, allvar och om risken är godtagbar antecknar den personuppgiftsansvarige:',
  'ca.d.heading': 'd) Åtgärder',
  'ca.d.link': '(detaljer: den tekniska bilagan, kund {id})',
  'ca.chain.heading': 'Kedjan av biträden',
  'ca.chain.controller': '{name}: personuppgiftsansvarig.',
  'ca.chain.operator': '{name}: personuppgiftsbiträde (driver plattformen).',
  'ca.chain.operatorWithContact': '{name}: personuppgiftsbiträde (driver plattformen); kontakt: {contact}.',
  'ca.chain.operatorMissing': 'Driftleverantören (personuppgiftsbiträde): ej angivet (konfigurationen `organization.operator`).',
  'ca.chain.provider': 'Amazon Web Services: underbiträde. {fact}: {value} (läst på {source} den {date}).',
  'ca.fact.contractingEntity': 'Avtalspart',
  'ca.fact.subProcessors': 'AWS egna underbiträden',
  'ca.fact.dataProcessingTerms': 'Villkor för personuppgiftsbehandling',
  'ca.retention.heading': 'Lagring och radering (artikel 5.1 e, artikel 17)',
  'ca.retention.noncurrent': 'Ersatta och raderade versioner tas bort efter {days, plural, one {{days} dag} other {{days} dagar}}.',
  'ca.retention.noncurrentNone': 'Ersatta och raderade versioner tas aldrig bort.',
  'ca.retention.quarantine': 'Uppladdningar i karantän: versioner tas bort efter {days, plural, one {{days} dag} other {{days} dagar}}.',
  'ca.retention.accessLogs': 'Åtkomstloggar tas bort efter {days, plural, one {{days} dag} other {{days} dagar}}.',
  'ca.retention.objectLock': 'Object Lock på uppgifterna: {lock}.',
  'ca.retention.noObjectLock': 'Object Lock på uppgifterna: inget.',
  'ca.retention.archive': 'CloudTrail-arkivet: Object Lock {lock}.',
  'ca.retention.keys':
    'Nycklar: när stacken raderar nyckeln väntar KMS {days, plural, one {{days} dag} other {{days} dagar}} (mallens väntetid); den som schemalägger en radering för hand väljer 7 till 30 dagar. Uppgifterna går förlorade med nyckeln.',
  'ca.retention.archiveLaw.SE':
    'Allmänna handlingar: arkivlagen (1990:782) avgör vad som bevaras och vad som får gallras; borttagning och radering här följer den personuppgiftsansvariges gallringsbeslut.',
  'ca.retention.archiveLaw.NO':
    'Offentliga arkiv: arkivlova avgör vad som bevaras och vad som får kasseras; borttagning och radering här följer den personuppgiftsansvariges beslut enligt den.',
  'ca.retention.archiveLaw.none': 'Inget land är angivet (konfigurationen `tenants[].country`): den arkivlag som gäller namnges inte.',
  'ca.breach.heading': 'Vägen vid en personuppgiftsincident (artikel 33)',
  'ca.breach.path':
    'AWS → personuppgiftsbiträdet ({operator}) → den personuppgiftsansvarige ({contact}) → {authority}, inom 72 timmar från att den personuppgiftsansvarige fått vetskap om incidenten (artikel 33.1).',
  'ca.breach.authority.SE': 'Integritetsskyddsmyndigheten (IMY)',
  'ca.breach.authority.NO': 'Datatilsynet',
  'ca.breach.authority.none': 'tillsynsmyndigheten',
  'ca.breach.national.SE.applies':
    'Dessutom enligt cybersäkerhetslagen (2025:1506), 2 kap. 5–8 §§: betydande incidenter rapporteras till den CSIRT-enhet som cybersäkerhetsförordningen (2025:1507) utser (CERT-SE vid Myndigheten för civilt försvar, tidigare MSB).',
  'ca.breach.national.SE.does-not-apply': 'Cybersäkerhetslagen (2025:1506) omfattar inte denna organisation, enligt den personuppgiftsansvarige.',
  'ca.breach.national.NO.applies':
    'Dessutom enligt digitalsikkerhetsloven: incidenter rapporteras till NSM, eftersom organisationen hör till en sektor som lagen räknar upp.',
  'ca.breach.national.NO.does-not-apply':
    'Digitalsikkerhetsloven omfattar uppräknade sektorer och leverantörer av digitala tjänster, inte en kommun eller en myndighet som sådan: ingen rapport till NSM enligt den.',
  'ca.breach.national.none': 'Inget land är angivet: nationell incidentrapportering anges inte.',
  'ca.breach.defaulted': '(Landets utgångsläge; den personuppgiftsansvarige bekräftar det i `tenants[].incidentReporting`.)',
  'ca.exit.heading': 'Avslut',
  'ca.exit.text':
    '`suveren export` skriver varje godkänt objekt med ett manifest (JSON Lines) och SHA-256-kontrollsummor till en katalog som den personuppgiftsansvarige anger, och kontrollerar dem. Kvar i AWS efteråt: objekten tills bucketen töms, ersatta versioner tills de tas bort, åtkomstloggar och CloudTrail-poster under sin lagringstid, nycklarna tills deras väntetid för radering löpt ut.',
  'ca.sources.heading': 'Källor som bilagan bygger på',
  'ca.source': '{short} ({status})',
  'ca.footer': 'suverens bevisschema {version}. Endast fakta: ingen sannolikhet, inget godtagande, ingen rättslig slutsats.',
  'country.SE': 'Sverige',
  'country.NO': 'Norge',
  'country.IE': 'Irland',
  'country.FR': 'Frankrike',
  'country.DE': 'Tyskland',
  'country.IT': 'Italien',
  'country.ES': 'Spanien',
  'orgType.state-agency': 'statlig myndighet',
  'orgType.municipality': 'kommun',
  'orgType.region': 'region',
  'orgType.other': 'annan',
  'ca.sourceStatus.verified': 'verifierad',
  'ca.sourceStatus.unverified': 'inte verifierad',
  'ca.sourceStatus.guidance': 'vägledning',
  'ca.end.read': 'läser; S3 dekrypterar',
  'ca.end.decrypt': 'dekrypterar med nyckeln',
  'ca.end.rewrite-key-policy': 'skriver om nyckelpolicyn',
  'ca.end.grant': 'ger sig själv nyckeln',
  'ca.end.rewrite-bucket-policy': 'skriver om bucketpolicyn',
  'ca.end.re-encrypt': 'omkrypterar under egen nyckel',
  'ca.end.replicate': 'replikerar till egen bucket',
  'ca.end.batch-copy': 'kopierar med S3 Batch Operations',
  'ca.parties.how': '{end}, {steps}',
  'annex.keyHolder.accountKms': 'AWS KMS, en nyckel i kundens konto',
  'ca.retention.keysDefault':
    '{count, plural, one {{count} nyckel har} other {{count} nycklar har}} ingen väntetid i mallen: den som schemalägger raderingen väljer 7 till 30 dagar (KMS standard är 30). Uppgifterna går förlorade med nyckeln.',
  'ca.measure.region': 'Buckets och nycklar bara i de tillåtna EU-regionerna: vägras vid syntes, nekas av SCP, larmas på organisationens loggspår.',
  'ca.measure.tls': 'TLS 1.2 eller senare för varje anrop, upprätthållet av bucketpolicyn.',
  'ca.measure.separation': 'En egen bucket, nyckel och egna roller för den personuppgiftsansvarige, åtskilda genom sina policyer.',
  'ca.measure.trail': 'Organisationens loggspår med validering av loggfiler, i ett arkiv med Object Lock.',
  'ca.measure.standard.key': 'En kundförvaltad KMS-nyckel per kund, användbar bara genom S3 i de tillåtna regionerna; administratörer är inte användare.',
  'ca.measure.hsm.key':
    'En KMS-nyckel i ett nyckellager på ett CloudHSM-kluster (FIPS 140-3 nivå 3) vars kryptoansvarige är kunden; kopplas lagret från upphör all dekryptering.',
  'ca.measure.external.key':
    'Nyckelmaterialet i kundens HSM bakom dess XKS-proxy, som godkänner och loggar varje användning; förseglas proxyn upphör all dekryptering.',
  'ca.measure.external.bucketKeys': 'S3 Bucket Keys av: varje läsning och skrivning når kundens proxy, och en försegling fördröjs inte av en cachad nyckel.',
  'ca.measure.client-side.key':
    'Krypterat i kundens egna lokaler före uppladdning (bindande algoritmsvit, kontext som binder kund och objekt); SSE-KMS som andra lager.',
  'ca.whereAccount': '{where}, konto {account}',
  'ca.chain.providerMissing': 'Amazon Web Services: underbiträde. {facts}: ej angivet (konfigurationen `organization.provider`).',
  'ca.principal.identityCenterGroup': 'medlemmar i Identity Center-gruppen {group} (behörighetsuppsättning {permissionSet})',
  'report.annexes.heading': 'Bilagor för de personuppgiftsansvariga',
  'report.technical.heading': 'Teknisk bilaga',
  'report.technical.intro':
    'För granskare: per kund buckets, nycklar och deras policyer, vem som kan nå klartext och på vilken väg, matrisen över direkta anrop; därefter organisationens skyddsregler, pipelinen, kontrollerna och deras källor, öppna fynd och godtagna avvikelser.',
  'control.Suveren-DPIA':
    'Bilagan för den personuppgiftsansvarige per kund: var varje slags uppgifter finns och vem som har nyckeln, vem som når klartext, lagring och radering, vägen vid en incident och avslut, med landets källor.',
  'sheet.location': '{region}, konto {account}; se platstabellen i bilagan för varje slags uppgifter',
  'sheet.parties':
    '{count, plural, one {{count} part når klartext på någon väg} other {{count} parter når klartext på någon väg}}, var och en namngiven i bilagan med vad som står i vägen',
  'sheet.plaintext.yes': 'Ja: på nivån `{tier}` dekrypterar leverantörens tjänster på begäran så länge nyckeln kan användas.',
  'sheet.plaintext.no': 'Nej: på nivån `{tier}` har S3 bara chiffertext, och nyckeln stannar i era egna lokaler.',
  'sheet.column.factor': 'Omständighet',
  'sheet.column.facts': 'Vad mallarna visar',
  'sheet.column.judgement': 'Er bedömning',
  'sheet.column.threat': 'Hot',
  'sheet.column.asset': 'Tillgång',
  'sheet.column.measure': 'Befintlig åtgärd (ur mallarna)',
  'sheet.column.likelihood': 'Sannolikhet',
  'sheet.column.consequence': 'Konsekvens',
  'sheet.decision': 'Beslut, datum, beslutsfattare (roll):',
  'sheet.se.title': 'Sekretessprövning enligt OSL 10 kap. 2 a §: {name}',
  'sheet.se.intro':
    'Sekretess hindrar inte att en uppgift lämnas till en leverantör för enbart teknisk bearbetning eller teknisk lagring, om det inte är olämpligt med hänsyn till omständigheterna (OSL 10 kap. 2 a §, prop. 2022/23:97). suveren fyller i de tekniska omständigheterna; bedömningen, per slag av uppgifter, är er.',
  'sheet.se.technicalOnly': 'Enbart teknisk bearbetning eller teknisk lagring?',
  'sheet.se.technicalOnly.fact':
    'S3 lagrar objekten, och kundens egna funktioner granskar dem i dess konto; mallarna anger ingen annan behandling hos leverantören.',
  'sheet.se.plaintext': 'Kan leverantörens tjänster nå innehållet?',
  'sheet.se.keys': 'Vem har nyckeln?',
  'sheet.se.location': 'Var finns uppgifterna?',
  'sheet.se.parties': 'Vem kan nå klartext, på någon väg?',
  'sheet.se.foreignLaw': 'Kan en utländsk myndighet tvinga fram ett utlämnande?',
  'sheet.se.confidentiality': 'Tystnadsplikt för leverantörens personal (lag (2020:914))',
  'sheet.se.confidentiality.fact': 'Framgår inte av mallarna: kontrollera avtalet med leverantören.',
  'sheet.se.inappropriate': 'Är utlämnandet olämpligt? Er slutsats, per slag av uppgifter',
  'sheet.no.title': 'Risk- och sårbarhetsanalys (ROS): {name}',
  'sheet.no.intro':
    'I den struktur Datatilsynet och Digdir använder: hot, tillgång, befintlig åtgärd. suveren fyller i de åtgärder mallarna visar; sannolikhet, konsekvens och om risken är godtagbar bedömer ni.',
  'sheet.no.threat.usOrder': 'Ett föreläggande mot leverantören enligt amerikansk rätt (CLOUD Act, FISA 702)',
  'sheet.no.threat.insider': 'Missbruk av en part som kan nå klartext',
  'sheet.no.threat.regionLoss': 'Bortfall av regionen',
  'sheet.no.threat.deletion': 'Oavsiktlig eller avsiktlig radering eller överskrivning',
  'sheet.no.threat.keyLoss': 'Förlust, radering eller frånkoppling av nyckeln',
  'sheet.no.threat.upload': 'En skadlig eller felaktig uppladdning',
  'sheet.no.threat.suspension': 'Spärr eller stängning av kontot',
  'sheet.no.asset.content': 'Innehållets konfidentialitet',
  'sheet.no.asset.integrity': 'Uppgifternas riktighet',
  'sheet.no.asset.availability': 'Uppgifternas tillgänglighet',
  'annex.integrity.trailPartial':
    'Validering av CloudTrails loggfiler är {validation, select, on {på} other {av}}, och arkivets Object Lock är {lock, select, on {på} other {av}}: det är inte visat att loggen inte kan ändras obemärkt.',
  'annex.encryption.trail':
    'SSE-KMS i granskningskontots arkiv; dess logggrupp i CloudWatch under {logs, select, kms {en KMS-nyckel också} other {CloudWatch Logs egen kryptering}}',
  'annex.encryption.configDelivery': 'SSE-KMS i granskningskontots bucket; AWS Config sparar dem också i det konto och den region där de registreras',
  'annex.encryption.accountKms': 'SSE-KMS under en nyckel i kundens konto',
  'annex.encryption.functionLogs':
    '{key, select, kms {en KMS-nyckel i kundens konto} other {CloudWatch Logs egen kryptering}}, sparas i {days, plural, one {{days} dag} other {{days} dagar}}',
  'annex.encryption.functionLogsUndeclared':
    '{key, select, kms {en KMS-nyckel i kundens konto} other {CloudWatch Logs egen kryptering}}, sparas i {days} dagar; {undeclared, plural, one {{undeclared} funktion} other {{undeclared} funktioner}} utan egen logggrupp loggar under CloudWatch Logs egen kryptering',
  'ca.principal.cfnExec': 'CloudFormations exekveringsroll i konto {account}',
  'ca.principal.deploymentAdministrator': 'driftsättningskontots administratör (Suveren-Pipelines konto)',
  'ca.principal.pipelineDeploy': 'Suveren-Pipelines driftsättningsprojekt ({name})',
  'reach.groupOwners': 'Utanför grafen: gruppmedlemskap avgörs i er identitetsleverantör, så den som kan ändra grupperna där ({owners}) når det grupperna når.',
  'ca.parties.ciphertextOnly':
    'Ingen i AWS: S3 har bara chiffertext, framställd i den personuppgiftsansvariges egna lokaler, så vad en identitet än når i AWS är det ingen klartext. Klartext finns där den personuppgiftsansvariges nyckel finns.',
};
