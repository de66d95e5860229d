// Help-desk knowledge for bench/seed-kb.js: a category tree (20 categories × 5 sections) and article
// generators that write the same article in Spanish and in English (parallel vocabularies, one set of
// random picks per translation group), with Markdown bodies of 300–1500 words. Deterministic: every
// choice comes from the PRNG passed in.
'use strict';

/** mulberry32: a small, fast, seeded PRNG (same seed, same articles). */
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (n) => Math.floor(next() * n);
  next.pick = (array) => array[Math.floor(next() * array.length)];
  return next;
}

// Each category: its names, tags, 4 subjects (objects) that are also its first 4 sections (the 5th is
// its FAQ), the tasks people do with them, and a few sentences only that category says.
const o = (es, en, sectionEs, sectionEn, tag) => ({ es, en, sectionEs, sectionEn, tag });
const t = (es, en) => ({ es, en });
const CATEGORIES = [
  {
    es: 'Cuentas y contraseñas',
    en: 'Accounts and passwords',
    tags: ['password', 'account', 'mfa', 'sso'],
    objects: [
      o('la contraseña de red', 'your network password', 'Restablecer contraseña', 'Password reset', 'password'),
      o('la verificación en dos pasos', 'two-step verification', 'Autenticación multifactor', 'Multi-factor authentication', 'mfa'),
      o('la cuenta bloqueada', 'a locked account', 'Bloqueos de cuenta', 'Account lockouts', 'account'),
      o('el inicio de sesión único', 'single sign-on', 'Inicio de sesión único', 'Single sign-on', 'sso'),
    ],
    tasks: [t('restablecer', 'reset'), t('cambiar', 'change'), t('desbloquear', 'unlock'), t('configurar', 'set up')],
    facts: [
      t(
        'La contraseña debe tener al menos doce caracteres, una mayúscula, un número y un símbolo.',
        'The password must be at least twelve characters long with an uppercase letter, a number and a symbol.',
      ),
      t(
        'Tras cinco intentos fallidos la cuenta se bloquea durante treinta minutos.',
        'After five failed attempts the account is locked for thirty minutes.',
      ),
      t(
        'Puede registrar la aplicación Microsoft Authenticator o recibir un código por SMS.',
        'You can register the Microsoft Authenticator app or receive a code by text message.',
      ),
    ],
  },
  {
    es: 'Correo electrónico',
    en: 'Email',
    tags: ['email', 'outlook', 'calendar', 'spam'],
    objects: [
      o('el correo de Outlook', 'Outlook email', 'Outlook', 'Outlook', 'outlook'),
      o('el buzón compartido', 'the shared mailbox', 'Buzones compartidos', 'Shared mailboxes', 'email'),
      o('el calendario compartido', 'the shared calendar', 'Calendario', 'Calendar', 'calendar'),
      o('la firma de correo', 'your email signature', 'Firmas y plantillas', 'Signatures and templates', 'email'),
    ],
    tasks: [t('configurar', 'set up'), t('sincronizar', 'sync'), t('recuperar', 'recover'), t('compartir', 'share')],
    facts: [
      t(
        'Los mensajes marcados como correo no deseado se conservan treinta días en la carpeta de cuarentena.',
        'Messages flagged as spam are kept for thirty days in the quarantine folder.',
      ),
      t(
        'El tamaño máximo de un adjunto es de 25 MB; para archivos mayores use OneDrive.',
        'Attachments are limited to 25 MB; for larger files use OneDrive.',
      ),
      t(
        'Si Outlook no sincroniza, compruebe la conexión y el estado del perfil en el Panel de control.',
        'If Outlook does not sync, check the connection and the profile state in Control Panel.',
      ),
    ],
  },
  {
    es: 'Impresión y escaneo',
    en: 'Printing and scanning',
    tags: ['printer', 'scanner', 'toner', 'printing'],
    objects: [
      o('la impresora de red', 'the network printer', 'Impresoras de red', 'Network printers', 'printer'),
      o('la impresión a color', 'colour printing', 'Impresión a color', 'Colour printing', 'printing'),
      o('el escáner multifunción', 'the multifunction scanner', 'Escáneres', 'Scanners', 'scanner'),
      o('el cartucho de tóner', 'the toner cartridge', 'Consumibles', 'Supplies', 'toner'),
    ],
    tasks: [t('instalar', 'install'), t('configurar', 'set up'), t('reemplazar', 'replace'), t('añadir', 'add')],
    facts: [
      t(
        'La impresión segura retiene el trabajo hasta que acerque su tarjeta al lector de la impresora.',
        'Secure printing holds the job until you tap your badge on the printer reader.',
      ),
      t(
        'Si la impresora marca papel atascado, abra la bandeja 2 y retire las hojas con cuidado.',
        'If the printer reports a paper jam, open tray 2 and remove the sheets carefully.',
      ),
      t(
        'El escáner envía los documentos en PDF a su dirección de correo corporativa.',
        'The scanner sends documents as PDF to your corporate email address.',
      ),
    ],
  },
  {
    es: 'Red y Wi-Fi',
    en: 'Network and Wi-Fi',
    tags: ['wifi', 'network', 'ethernet', 'dns'],
    objects: [
      o('la red Wi-Fi corporativa', 'the corporate Wi-Fi network', 'Wi-Fi', 'Wi-Fi', 'wifi'),
      o('la red de invitados', 'the guest network', 'Red de invitados', 'Guest network', 'wifi'),
      o('la conexión por cable', 'the wired connection', 'Red cableada', 'Wired network', 'ethernet'),
      o('la resolución de nombres DNS', 'DNS name resolution', 'DNS y proxy', 'DNS and proxy', 'dns'),
    ],
    tasks: [t('conectar', 'connect to'), t('configurar', 'configure'), t('diagnosticar', 'troubleshoot'), t('renovar', 'renew')],
    facts: [
      t(
        'La red de invitados caduca cada veinticuatro horas y no da acceso a los servidores internos.',
        'The guest network expires every twenty-four hours and gives no access to internal servers.',
      ),
      t(
        'Ejecute ipconfig /renew y después ipconfig /flushdns desde una ventana de comandos.',
        'Run ipconfig /renew and then ipconfig /flushdns from a command prompt.',
      ),
      t(
        'La conexión inalámbrica usa el certificado del equipo para autenticarse con WPA2-Enterprise.',
        'The wireless connection uses the device certificate to authenticate with WPA2-Enterprise.',
      ),
    ],
  },
  {
    es: 'VPN y acceso remoto',
    en: 'VPN and remote access',
    tags: ['vpn', 'remote', 'globalprotect', 'citrix'],
    objects: [
      o('la VPN de GlobalProtect', 'the GlobalProtect VPN', 'GlobalProtect', 'GlobalProtect', 'vpn'),
      o('el escritorio remoto', 'remote desktop', 'Escritorio remoto', 'Remote desktop', 'remote'),
      o('el acceso a Citrix', 'Citrix access', 'Citrix', 'Citrix', 'citrix'),
      o('el certificado de la VPN', 'the VPN certificate', 'Certificados', 'Certificates', 'vpn'),
    ],
    tasks: [t('conectar', 'connect to'), t('instalar', 'install'), t('renovar', 'renew'), t('configurar', 'configure')],
    facts: [
      t(
        'La VPN se desconecta tras ocho horas de sesión; vuelva a conectarse para seguir trabajando.',
        'The VPN disconnects after an eight-hour session; connect again to keep working.',
      ),
      t(
        'El portal de la VPN es vpn.empresa.com y requiere la verificación en dos pasos.',
        'The VPN portal is vpn.company.com and requires two-step verification.',
      ),
      t(
        'Desde redes de hoteles o aeropuertos puede ser necesario abrir primero el navegador.',
        'From hotel or airport networks you may need to open the browser first.',
      ),
    ],
  },
  {
    es: 'Portátiles y equipos',
    en: 'Laptops and computers',
    tags: ['laptop', 'hardware', 'windows', 'macos'],
    objects: [
      o('el portátil corporativo', 'your company laptop', 'Portátiles', 'Laptops', 'laptop'),
      o('la estación de acoplamiento', 'the docking station', 'Periféricos', 'Peripherals', 'hardware'),
      o('la batería del portátil', 'the laptop battery', 'Batería y energía', 'Battery and power', 'laptop'),
      o('el segundo monitor', 'a second monitor', 'Monitores', 'Monitors', 'hardware'),
    ],
    tasks: [t('configurar', 'set up'), t('reemplazar', 'replace'), t('actualizar', 'update'), t('conectar', 'connect')],
    facts: [
      t(
        'Los portátiles se renuevan cada cuatro años; el equipo antiguo debe devolverse al almacén.',
        'Laptops are renewed every four years; the old device must be returned to the storeroom.',
      ),
      t(
        'Antes de enviar el equipo a reparar, haga una copia de seguridad de sus archivos locales.',
        'Before sending the device for repair, back up your local files.',
      ),
      t(
        'Si el portátil se calienta y se apaga solo, compruebe que las rejillas de ventilación no estén tapadas.',
        'If the laptop gets hot and shuts down, check that the vents are not blocked.',
      ),
    ],
  },
  {
    es: 'Teléfonos y dispositivos móviles',
    en: 'Phones and mobile devices',
    tags: ['mobile', 'iphone', 'android', 'intune'],
    objects: [
      o('el teléfono móvil de empresa', 'your company mobile phone', 'Teléfonos de empresa', 'Company phones', 'mobile'),
      o('el portal de empresa de Intune', 'the Intune Company Portal', 'Intune', 'Intune', 'intune'),
      o('la extensión telefónica', 'your phone extension', 'Telefonía fija', 'Desk phones', 'phone'),
      o('el buzón de voz', 'voicemail', 'Buzón de voz', 'Voicemail', 'phone'),
    ],
    tasks: [t('registrar', 'enrol'), t('configurar', 'set up'), t('transferir', 'transfer'), t('restablecer', 'reset')],
    facts: [
      t(
        'Para acceder al correo desde el móvil el dispositivo debe estar registrado en Intune.',
        'To read email on your phone the device must be enrolled in Intune.',
      ),
      t('El código PIN por defecto del buzón de voz es el número de su extensión.', 'The default voicemail PIN is your extension number.'),
    ],
  },
  {
    es: 'Microsoft 365 y Teams',
    en: 'Microsoft 365 and Teams',
    tags: ['office365', 'teams', 'onedrive', 'sharepoint'],
    objects: [
      o('la licencia de Office', 'the Office license', 'Licencias', 'Licenses', 'office365'),
      o('el equipo de Teams', 'a Teams team', 'Teams', 'Teams', 'teams'),
      o('la carpeta de OneDrive', 'your OneDrive folder', 'OneDrive', 'OneDrive', 'onedrive'),
      o('el sitio de SharePoint', 'the SharePoint site', 'SharePoint', 'SharePoint', 'sharepoint'),
    ],
    tasks: [t('activar', 'activate'), t('crear', 'create'), t('sincronizar', 'sync'), t('compartir', 'share')],
    facts: [
      t(
        'Cada usuario puede instalar Office en un máximo de cinco equipos y cinco móviles.',
        'Each user may install Office on up to five computers and five phones.',
      ),
      t(
        'OneDrive sincroniza los archivos en segundo plano; el icono de la nube indica su estado.',
        'OneDrive syncs files in the background; the cloud icon shows their state.',
      ),
    ],
  },
  {
    es: 'SAP y ERP',
    en: 'SAP and ERP',
    tags: ['sap', 'erp', 'purchase-order', 'authorization'],
    objects: [
      o('el usuario de SAP', 'your SAP user', 'Usuarios de SAP', 'SAP users', 'sap'),
      o('la orden de compra en SAP', 'a purchase order in SAP', 'Compras', 'Purchasing', 'purchase-order'),
      o('el rol de autorización', 'the authorization role', 'Autorizaciones', 'Authorizations', 'authorization'),
      o('el informe de gastos', 'the expense report', 'Gastos', 'Expenses', 'erp'),
    ],
    tasks: [t('solicitar', 'request'), t('crear', 'create'), t('aprobar', 'approve'), t('modificar', 'change')],
    facts: [
      t(
        'Las autorizaciones de SAP las aprueba el responsable del departamento en un plazo de dos días.',
        'SAP authorizations are approved by the head of department within two days.',
      ),
      t(
        'Si aparece el mensaje «No tiene autorización para la transacción», anote el código y abra una solicitud.',
        'If the message "You are not authorized to use transaction" appears, note the code and open a request.',
      ),
    ],
  },
  {
    es: 'Facturación',
    en: 'Billing and invoices',
    tags: ['billing', 'invoice', 'payment', 'vat'],
    objects: [
      o('la factura', 'your invoice', 'Facturas', 'Invoices', 'invoice'),
      o('el método de pago', 'your payment method', 'Métodos de pago', 'Payment methods', 'payment'),
      o('la factura duplicada', 'a duplicate invoice', 'Cobros duplicados', 'Duplicate charges', 'invoice'),
      o('los datos fiscales', 'your tax details', 'Datos fiscales e IVA', 'Tax details and VAT', 'vat'),
    ],
    tasks: [t('descargar', 'download'), t('actualizar', 'update'), t('corregir', 'correct'), t('consultar', 'view')],
    facts: [
      t(
        'Las facturas se emiten el primer día hábil de cada mes y se envían por correo en formato PDF.',
        'Invoices are issued on the first working day of each month and emailed as PDF.',
      ),
      t(
        'Un cobro duplicado se devuelve automáticamente en un plazo de cinco a diez días hábiles.',
        'A duplicate charge is refunded automatically within five to ten working days.',
      ),
      t(
        'Para emitir la factura a nombre de una empresa necesitamos el NIF o CIF y la dirección fiscal.',
        'To invoice a company we need its VAT number and registered address.',
      ),
    ],
  },
  {
    es: 'Reembolsos y devoluciones',
    en: 'Refunds and returns',
    tags: ['refund', 'return', 'warranty', 'exchange'],
    objects: [
      o('el reembolso', 'a refund', 'Reembolsos', 'Refunds', 'refund'),
      o('la devolución de un producto', 'a product return', 'Devoluciones', 'Returns', 'return'),
      o('la garantía', 'the warranty', 'Garantía', 'Warranty', 'warranty'),
      o('el cambio de talla', 'a size exchange', 'Cambios', 'Exchanges', 'exchange'),
    ],
    tasks: [t('solicitar', 'request'), t('tramitar', 'process'), t('consultar', 'track'), t('cancelar', 'cancel')],
    facts: [
      t(
        'Dispone de treinta días naturales desde la entrega para devolver un producto sin usar.',
        'You have thirty calendar days from delivery to return an unused product.',
      ),
      t(
        'El reembolso se abona en el mismo método de pago utilizado en la compra.',
        'The refund goes back to the payment method used for the purchase.',
      ),
    ],
  },
  {
    es: 'Envíos y pedidos',
    en: 'Shipping and orders',
    tags: ['shipping', 'order', 'delivery', 'tracking'],
    objects: [
      o('el pedido', 'your order', 'Pedidos', 'Orders', 'order'),
      o('el seguimiento del envío', 'shipment tracking', 'Seguimiento', 'Tracking', 'tracking'),
      o('la dirección de entrega', 'the delivery address', 'Direcciones', 'Addresses', 'delivery'),
      o('el envío internacional', 'international shipping', 'Envíos internacionales', 'International shipping', 'shipping'),
    ],
    tasks: [t('modificar', 'change'), t('cancelar', 'cancel'), t('consultar', 'track'), t('confirmar', 'confirm')],
    facts: [
      t(
        'Los pedidos realizados antes de las 14:00 salen del almacén el mismo día.',
        'Orders placed before 2 p.m. leave the warehouse the same day.',
      ),
      t(
        'El número de seguimiento llega por correo en cuanto el transportista recoge el paquete.',
        'The tracking number is emailed as soon as the carrier picks up the parcel.',
      ),
      t(
        'Los envíos internacionales pueden sufrir retrasos en la aduana de tres a cinco días.',
        'International shipments may be held at customs for three to five days.',
      ),
    ],
  },
  {
    es: 'Seguridad de la información',
    en: 'Information security',
    tags: ['security', 'phishing', 'antivirus', 'encryption'],
    objects: [
      o('el correo sospechoso', 'a suspicious email', 'Phishing', 'Phishing', 'phishing'),
      o('el antivirus', 'the antivirus', 'Antivirus', 'Antivirus', 'antivirus'),
      o('el cifrado del disco', 'disk encryption', 'Cifrado', 'Encryption', 'encryption'),
      o('el dispositivo perdido', 'a lost device', 'Incidentes de seguridad', 'Security incidents', 'security'),
    ],
    tasks: [t('notificar', 'report'), t('analizar', 'scan'), t('activar', 'turn on'), t('bloquear', 'block')],
    facts: [
      t(
        'Nunca comparta su contraseña: el departamento de informática jamás se la pedirá por correo.',
        'Never share your password: IT will never ask for it by email.',
      ),
      t(
        'Use el botón «Notificar phishing» de Outlook para enviar el mensaje al equipo de seguridad.',
        'Use the "Report phishing" button in Outlook to send the message to the security team.',
      ),
      t(
        'BitLocker cifra el disco; la clave de recuperación está guardada en su cuenta corporativa.',
        'BitLocker encrypts the disk; the recovery key is stored in your corporate account.',
      ),
    ],
  },
  {
    es: 'Acceso físico y tarjetas',
    en: 'Badges and physical access',
    tags: ['badge', 'access', 'parking', 'visitors'],
    objects: [
      o('la tarjeta de acceso', 'your access badge', 'Tarjetas de acceso', 'Access badges', 'badge'),
      o('el acceso al aparcamiento', 'parking access', 'Aparcamiento', 'Parking', 'parking'),
      o('el registro de visitas', 'visitor registration', 'Visitas', 'Visitors', 'visitors'),
      o('la taquilla', 'your locker', 'Taquillas', 'Lockers', 'access'),
    ],
    tasks: [t('solicitar', 'request'), t('renovar', 'renew'), t('activar', 'activate'), t('dar de baja', 'cancel')],
    facts: [
      t(
        'Si pierde la tarjeta, avise a recepción para desactivarla y recoger una provisional.',
        'If you lose your badge, tell reception so they deactivate it and give you a temporary one.',
      ),
      t(
        'Las visitas deben registrarse con al menos veinticuatro horas de antelación.',
        'Visitors must be registered at least twenty-four hours in advance.',
      ),
    ],
  },
  {
    es: 'Software y aplicaciones',
    en: 'Software and applications',
    tags: ['software', 'install', 'license', 'update'],
    objects: [
      o('la aplicación de nóminas', 'the payroll application', 'Aplicaciones corporativas', 'Business applications', 'software'),
      o('el centro de software', 'Software Center', 'Centro de software', 'Software Center', 'install'),
      o('la licencia de Adobe', 'the Adobe license', 'Licencias de software', 'Software licenses', 'license'),
      o('la actualización de Windows', 'the Windows update', 'Actualizaciones', 'Updates', 'update'),
    ],
    tasks: [t('instalar', 'install'), t('actualizar', 'update'), t('desinstalar', 'uninstall'), t('solicitar', 'request')],
    facts: [
      t(
        'Las aplicaciones aprobadas se instalan sin permisos de administrador desde el Centro de software.',
        'Approved applications install without admin rights from Software Center.',
      ),
      t(
        'Las actualizaciones de Windows se aplican los martes por la noche; deje el equipo encendido.',
        'Windows updates are applied on Tuesday nights; leave your computer on.',
      ),
    ],
  },
  {
    es: 'Archivos y copias de seguridad',
    en: 'Files and backups',
    tags: ['backup', 'files', 'restore', 'storage'],
    objects: [
      o('la carpeta compartida', 'the shared folder', 'Carpetas compartidas', 'Shared folders', 'files'),
      o('la copia de seguridad', 'the backup', 'Copias de seguridad', 'Backups', 'backup'),
      o('el archivo borrado', 'a deleted file', 'Restaurar archivos', 'Restoring files', 'restore'),
      o('la cuota de almacenamiento', 'your storage quota', 'Almacenamiento', 'Storage', 'storage'),
    ],
    tasks: [t('restaurar', 'restore'), t('acceder a', 'access'), t('ampliar', 'increase'), t('recuperar', 'recover')],
    facts: [
      t(
        'Las copias de seguridad se hacen cada noche y se conservan durante noventa días.',
        'Backups run every night and are kept for ninety days.',
      ),
      t(
        'Para restaurar una versión anterior, haga clic derecho en el archivo y elija «Versiones anteriores».',
        'To restore an earlier version, right-click the file and choose "Previous versions".',
      ),
    ],
  },
  {
    es: 'Videoconferencia y salas',
    en: 'Video calls and meeting rooms',
    tags: ['meeting-room', 'zoom', 'projector', 'audio'],
    objects: [
      o('la sala de reuniones', 'the meeting room', 'Salas de reuniones', 'Meeting rooms', 'meeting-room'),
      o('el proyector', 'the projector', 'Proyectores y pantallas', 'Projectors and screens', 'projector'),
      o('la reunión de Zoom', 'a Zoom meeting', 'Zoom', 'Zoom', 'zoom'),
      o('los auriculares', 'your headset', 'Audio y cámaras', 'Audio and cameras', 'audio'),
    ],
    tasks: [t('reservar', 'book'), t('conectar', 'connect'), t('configurar', 'set up'), t('probar', 'test')],
    facts: [
      t(
        'Las salas se reservan desde el calendario de Outlook añadiendo la sala como asistente.',
        'Rooms are booked from the Outlook calendar by adding the room as an attendee.',
      ),
      t(
        'Si el proyector no detecta la señal, pulse la tecla Windows + P y elija «Duplicar».',
        'If the projector shows no signal, press Windows + P and choose "Duplicate".',
      ),
    ],
  },
  {
    es: 'Nóminas y recursos humanos',
    en: 'Payroll and HR',
    tags: ['payroll', 'hr', 'holidays', 'payslip'],
    objects: [
      o('la nómina', 'your payslip', 'Nóminas', 'Payslips', 'payslip'),
      o('la solicitud de vacaciones', 'a holiday request', 'Vacaciones y ausencias', 'Holidays and leave', 'holidays'),
      o('el certificado de retenciones', 'the tax withholding certificate', 'Certificados', 'Certificates', 'payroll'),
      o('los datos bancarios', 'your bank details', 'Datos personales', 'Personal details', 'hr'),
    ],
    tasks: [t('consultar', 'view'), t('solicitar', 'request'), t('descargar', 'download'), t('modificar', 'update')],
    facts: [
      t(
        'La nómina se publica en el portal del empleado el penúltimo día hábil del mes.',
        'Payslips are published on the employee portal on the second-to-last working day of the month.',
      ),
      t(
        'Las vacaciones se solicitan con quince días de antelación y las aprueba su responsable.',
        'Holidays are requested fifteen days ahead and approved by your manager.',
      ),
    ],
  },
  {
    es: 'CRM y ventas',
    en: 'CRM and sales',
    tags: ['crm', 'salesforce', 'quotes', 'leads'],
    objects: [
      o('la cuenta de Salesforce', 'your Salesforce account', 'Salesforce', 'Salesforce', 'salesforce'),
      o('el presupuesto', 'a quote', 'Presupuestos', 'Quotes', 'quotes'),
      o('la oportunidad de venta', 'a sales opportunity', 'Oportunidades', 'Opportunities', 'crm'),
      o('la importación de contactos', 'contact import', 'Contactos', 'Contacts', 'leads'),
    ],
    tasks: [t('crear', 'create'), t('importar', 'import'), t('exportar', 'export'), t('asignar', 'assign')],
    facts: [
      t(
        'Los presupuestos superiores a 10.000 € requieren la aprobación del director comercial.',
        'Quotes above €10,000 need the sales director approval.',
      ),
      t(
        'La importación de contactos admite archivos CSV de hasta 50.000 filas con codificación UTF-8.',
        'Contact import accepts CSV files of up to 50,000 rows in UTF-8.',
      ),
    ],
  },
  {
    es: 'Incorporaciones y bajas',
    en: 'Onboarding and offboarding',
    tags: ['onboarding', 'offboarding', 'new-hire', 'equipment'],
    objects: [
      o('el alta del nuevo empleado', 'a new employee account', 'Altas', 'New starters', 'onboarding'),
      o('el equipo del nuevo empleado', 'equipment for a new hire', 'Equipamiento', 'Equipment', 'equipment'),
      o('la baja del empleado', 'an employee leaving', 'Bajas', 'Leavers', 'offboarding'),
      o('el cambio de departamento', 'a department transfer', 'Cambios de puesto', 'Role changes', 'new-hire'),
    ],
    tasks: [t('solicitar', 'request'), t('preparar', 'prepare'), t('tramitar', 'process'), t('revisar', 'review')],
    facts: [
      t(
        'El alta debe solicitarse cinco días hábiles antes de la incorporación.',
        'New accounts must be requested five working days before the start date.',
      ),
      t(
        'En la baja, el responsable recoge el portátil, la tarjeta y el teléfono el último día.',
        'When someone leaves, their manager collects the laptop, badge and phone on the last day.',
      ),
    ],
  },
];

const PLATFORMS = [
  t('Windows 11', 'Windows 11'),
  t('Windows 10', 'Windows 10'),
  t('macOS', 'macOS'),
  t('el iPhone', 'iPhone'),
  t('Android', 'Android'),
  t('el portal web', 'the web portal'),
  t('Linux', 'Linux'),
];
const SYMPTOMS = [
  t('no funciona', 'is not working'),
  t('no se conecta', 'will not connect'),
  t('va muy lento', 'is very slow'),
  t('muestra un error', 'shows an error'),
  t('se desconecta cada pocos minutos', 'keeps disconnecting'),
  t('no aparece', 'does not show up'),
  t('dejó de funcionar tras la actualización', 'stopped working after the update'),
];
const CODES = [
  '0x80070005',
  '0x800CCC0E',
  'ERR_CONNECTION_RESET',
  '691',
  '809',
  'E-1024',
  'AADSTS50126',
  '403',
  'SSL_ERROR_BAD_CERT',
  '0x80190001',
  'CAA50021',
  'E-2002',
];
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const TITLES = [
  (p) => t(`Cómo ${p.task.es} ${p.obj.es} en ${p.platform.es}`, `How to ${p.task.en} ${p.obj.en} on ${p.platform.en}`),
  (p) => t(`${cap(p.obj.es)} ${p.symptom.es}: causas y solución`, `${cap(p.obj.en)} ${p.symptom.en}: causes and fixes`),
  (p) => t(`Error ${p.code} al ${p.task.es} ${p.obj.es}`, `Error ${p.code} when you ${p.task.en} ${p.obj.en}`),
  (p) => t(`Preguntas frecuentes sobre ${p.obj.es}`, `Frequently asked questions about ${p.obj.en}`),
  (p) => t(`Guía rápida: ${p.task.es} ${p.obj.es}`, `Quick guide: ${p.task.en} ${p.obj.en}`),
  (p) => t(`Qué hacer si ${p.obj.es} ${p.symptom.es}`, `What to do if ${p.obj.en} ${p.symptom.en}`),
  (p) => t(`${cap(p.task.es)} ${p.obj.es} desde casa`, `${cap(p.task.en)} ${p.obj.en} from home`),
  (p) => t(`Política de uso: ${p.obj.es}`, `Usage policy: ${p.obj.en}`),
];
const SUMMARIES = [
  (p) =>
    t(
      `Pasos para ${p.task.es} ${p.obj.es} en ${p.platform.es} y solución de los errores más habituales.`,
      `Steps to ${p.task.en} ${p.obj.en} on ${p.platform.en} and fixes for the most common errors.`,
    ),
  (p) =>
    t(
      `Qué comprobar cuando ${p.obj.es} ${p.symptom.es}, y cuándo abrir una incidencia con el centro de soporte.`,
      `What to check when ${p.obj.en} ${p.symptom.en}, and when to open a ticket with the service desk.`,
    ),
  (p) =>
    t(
      `Todo lo que necesita saber para ${p.task.es} ${p.obj.es} sin esperar al soporte técnico.`,
      `Everything you need to ${p.task.en} ${p.obj.en} without waiting for IT support.`,
    ),
  (p) =>
    t(
      `Respuestas a las dudas más frecuentes sobre ${p.obj.es}, con capturas y enlaces útiles.`,
      `Answers to the most common questions about ${p.obj.en}, with screenshots and useful links.`,
    ),
];

// Generic sentences, parallel in both languages; {obj}, {platform}, {task}, {code} are filled in.
const INTRO = [
  t(
    'Este artículo explica cómo {task} {obj} en {platform} paso a paso.',
    'This article explains how to {task} {obj} on {platform} step by step.',
  ),
  t(
    'Muchas incidencias que recibimos en el centro de soporte tienen que ver con {obj}.',
    'Many of the tickets our service desk receives are about {obj}.',
  ),
  t(
    'La mayoría de los usuarios puede resolverlo por su cuenta en menos de diez minutos.',
    'Most users can solve this on their own in under ten minutes.',
  ),
  t(
    'Si trabaja desde casa, conéctese primero a la VPN antes de seguir estas instrucciones.',
    'If you work from home, connect to the VPN first before following these instructions.',
  ),
  t(
    'La configuración depende de la versión del sistema operativo y de los permisos de su cuenta.',
    'The configuration depends on your operating system version and your account permissions.',
  ),
  t(
    'Antes de empezar, guarde su trabajo y cierre las aplicaciones abiertas.',
    'Before you start, save your work and close any open applications.',
  ),
  t(
    'Las instrucciones son válidas para la oficina de Madrid, Bogotá, Ciudad de México y Buenos Aires.',
    'These instructions apply to the Madrid, London, Austin and Dublin offices.',
  ),
  t(
    'El departamento de informática revisa esta guía cada trimestre para mantenerla actualizada.',
    'The IT department reviews this guide every quarter to keep it up to date.',
  ),
];
const PREREQS = [
  t(
    'Una cuenta corporativa activa con la verificación en dos pasos configurada.',
    'An active company account with two-step verification set up.',
  ),
  t('Conexión a la red de la oficina o a la VPN.', 'A connection to the office network or the VPN.'),
  t(
    'Permisos de administrador local, o una solicitud aprobada por su responsable.',
    'Local admin rights, or a request approved by your manager.',
  ),
  t('La última versión de {platform} con las actualizaciones instaladas.', 'The latest version of {platform} with updates installed.'),
  t('Su número de empleado y el nombre de su departamento.', 'Your employee number and your department name.'),
  t('Diez minutos sin reuniones: algunos pasos requieren reiniciar el equipo.', 'Ten minutes without meetings: some steps need a restart.'),
];
const STEPS = [
  t('Abra el menú Inicio y escriba «Configuración».', 'Open the Start menu and type "Settings".'),
  t('Seleccione **Configuración** y después **{section}**.', 'Select **Settings** and then **{section}**.'),
  t('Pulse **Agregar** y espere a que aparezca {obj} en la lista.', 'Click **Add** and wait for {obj} to show up in the list.'),
  t('Inicie sesión con su usuario corporativo y su contraseña.', 'Sign in with your company user name and password.'),
  t(
    'Acepte la notificación de la aplicación de autenticación en su móvil.',
    'Approve the notification in the authenticator app on your phone.',
  ),
  t('Abra el portal de autoservicio en https://soporte.empresa.com.', 'Open the self-service portal at https://support.company.com.'),
  t('Busque {obj} en el catálogo de servicios y haga clic en **Solicitar**.', 'Find {obj} in the service catalogue and click **Request**.'),
  t(
    'Rellene el formulario indicando el motivo y la fecha en que lo necesita.',
    'Fill in the form with the reason and the date you need it by.',
  ),
  t('Reinicie el equipo para que se apliquen los cambios.', 'Restart the computer so the changes take effect.'),
  t('Compruebe que el indicador de conexión aparece en verde.', 'Check that the connection indicator turns green.'),
  t('Descargue el instalador desde el Centro de software.', 'Download the installer from Software Center.'),
  t(
    'Ejecute el instalador y siga el asistente con las opciones por defecto.',
    'Run the installer and follow the wizard with the default options.',
  ),
  t(
    'Escriba la dirección del servidor tal como aparece en la tabla anterior.',
    'Type the server address exactly as shown in the table above.',
  ),
  t(
    'Marque la casilla **Recordar este dispositivo** si es su equipo habitual.',
    'Tick **Remember this device** if it is your usual computer.',
  ),
  t('Haga una prueba: {task} {obj} y confirme que todo funciona.', 'Try it: {task} {obj} and check that everything works.'),
  t('Cierre la sesión de Windows y vuelva a iniciarla.', 'Sign out of Windows and sign back in.'),
  t(
    'Desconecte el cable de red y vuelva a conectarlo pasados diez segundos.',
    'Unplug the network cable and plug it back in after ten seconds.',
  ),
  t('Abra la aplicación y espere a que termine la sincronización.', 'Open the application and wait for the sync to finish.'),
  t('En la pestaña **Seguridad**, elija **Certificado del equipo**.', 'On the **Security** tab, choose **Machine certificate**.'),
  t('Guarde los cambios con el botón **Aplicar**.', 'Save the changes with the **Apply** button.'),
];
const TROUBLE = [
  t(
    'Si aparece el error {code}, cierre la aplicación, borre la caché del navegador y vuelva a intentarlo.',
    'If you get error {code}, close the application, clear the browser cache and try again.',
  ),
  t(
    'Cuando {obj} no responde, lo más habitual es que la sesión haya caducado: vuelva a iniciar sesión.',
    'When {obj} does not respond, the session has usually expired: sign in again.',
  ),
  t(
    'Si el problema continúa tras reiniciar, compruebe la conexión a Internet y el estado del servicio en la página de estado.',
    'If the problem persists after a restart, check your Internet connection and the service status page.',
  ),
  t(
    'Los usuarios de {platform} deben confirmar que tienen instalada la última actualización de seguridad.',
    '{platform} users should confirm they have the latest security update installed.',
  ),
  t(
    'En ocasiones el antivirus bloquea la instalación; desactívelo solo si se lo indica un técnico.',
    'Sometimes the antivirus blocks the installation; only turn it off if a technician tells you to.',
  ),
  t(
    'Si la conexión se corta cada pocos minutos, cambie de la red Wi-Fi a la red cableada y repita la prueba.',
    'If the connection drops every few minutes, switch from Wi-Fi to a wired connection and test again.',
  ),
  t(
    'Un mensaje de contraseña incorrecta puede deberse al bloqueo de mayúsculas o a una contraseña caducada.',
    'A wrong-password message may be caused by Caps Lock or an expired password.',
  ),
  t(
    'Si ve el mensaje «Acceso denegado», su cuenta no tiene los permisos necesarios: pídalos a su responsable.',
    'If you see "Access denied", your account lacks the permissions: ask your manager for them.',
  ),
  t(
    'La sincronización puede tardar hasta una hora en reflejar los cambios en todos los dispositivos.',
    'Sync can take up to an hour to show the changes on every device.',
  ),
  t(
    'Cuando varias personas del mismo departamento tienen el mismo fallo, suele tratarse de una incidencia general.',
    'When several people in the same department hit the same fault, it is usually a wider outage.',
  ),
];
const CLOSING = [
  t(
    'Si nada de esto funciona, abra una incidencia indicando el código de error y una captura de pantalla.',
    'If none of this works, open a ticket with the error code and a screenshot.',
  ),
  t(
    'Para solicitudes urgentes llame a la extensión 5555, disponible de lunes a viernes de 8:00 a 20:00.',
    'For urgent requests call extension 5555, Monday to Friday from 8 a.m. to 8 p.m.',
  ),
  t(
    '¿Le ha sido útil este artículo? Valórelo al final de la página para ayudarnos a mejorarlo.',
    'Was this article helpful? Rate it at the bottom of the page to help us improve it.',
  ),
  t('Consulte también los artículos relacionados de la sección {section}.', 'See also the related articles in the {section} section.'),
];
const HEADINGS = {
  intro: t('Introducción', 'Overview'),
  prereq: t('Antes de empezar', 'Before you start'),
  steps: t('Pasos', 'Steps'),
  trouble: t('Solución de problemas', 'Troubleshooting'),
  faq: t('Preguntas frecuentes', 'Frequently asked questions'),
  moreSteps: t('Otros pasos y comprobaciones', 'Further steps and checks'),
  more: t('Más información', 'More information'),
};
const FAQ = [
  t('¿Cuánto tarda en aplicarse el cambio?', 'How long does the change take?'),
  t('¿Puedo hacerlo desde el móvil?', 'Can I do this from my phone?'),
  t('¿Necesito la aprobación de mi responsable?', 'Do I need my manager approval?'),
  t('¿Qué hago si estoy de viaje?', 'What if I am travelling?'),
  t('¿Tiene algún coste para mi departamento?', 'Does it cost my department anything?'),
];

/** The tree: 20 categories, each with 5 sections (its four subjects and its FAQ). */
function categoryTree() {
  return CATEGORIES.map((c, ci) => ({
    index: ci,
    es: c.es,
    en: c.en,
    sections: [
      ...c.objects.map((obj, si) => ({ index: si, es: obj.sectionEs, en: obj.sectionEn })),
      { index: 4, es: `Preguntas frecuentes: ${c.es.toLowerCase()}`, en: `FAQ: ${c.en.toLowerCase()}` },
    ],
  }));
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const inline = (s) => escapeHtml(s).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
const plain = (s) => s.replace(/\*\*(.+?)\*\*/g, '$1');
const words = (s) => s.split(/\s+/).length;
/** n distinct indices below len (n ≤ len), in random order. */
function distinct(rng, n, len) {
  const out = [];
  while (out.length < Math.min(n, len)) {
    const i = rng.int(len);
    if (!out.includes(i)) out.push(i);
  }
  return out;
}

/**
 * One translation group: the same article in es and en. Returns { categoryIndex, sectionIndex, tags,
 * es: { title, summary, body, html, text }, en: {...} }.
 */
function article(rng) {
  const ci = rng.int(CATEGORIES.length);
  const cat = CATEGORIES[ci];
  const oi = rng.int(cat.objects.length);
  const p = {
    obj: cat.objects[oi],
    task: rng.pick(cat.tasks),
    platform: rng.pick(PLATFORMS),
    symptom: rng.pick(SYMPTOMS),
    code: rng.pick(CODES),
  };
  const titleIndex = rng.int(TITLES.length);
  const sectionIndex = titleIndex === 3 ? 4 : oi;
  const section = sectionIndex === 4 ? t(HEADINGS.faq.es, HEADINGS.faq.en) : t(p.obj.sectionEs, p.obj.sectionEn);
  const target = Math.round(300 + 1100 * Math.pow(rng(), 2));
  // The picks, as indices, so both languages say the same thing.
  const blocks = [];
  blocks.push({ kind: 'h', key: 'intro' });
  blocks.push({ kind: 'p', from: INTRO, picks: distinct(rng, 3, INTRO.length) });
  blocks.push({ kind: 'p', from: cat.facts, picks: distinct(rng, 2, cat.facts.length) });
  blocks.push({ kind: 'h', key: 'prereq' });
  blocks.push({ kind: 'ul', from: PREREQS, picks: distinct(rng, 2 + rng.int(3), PREREQS.length) });
  let count = 0;
  // Steps, then troubleshooting and FAQ paragraphs until the word target is reached.
  blocks.push({ kind: 'h', key: 'steps' });
  blocks.push({ kind: 'ol', from: STEPS, picks: distinct(rng, 4 + rng.int(9), STEPS.length) });
  const fill = [];
  const estimate = (b) => (b.kind === 'h' ? 2 : b.picks.reduce((n, i) => n + words(b.from[i].es) + (b.from === FAQ ? 25 : 0), 0));
  for (const b of blocks) count += estimate(b);
  let heading = null;
  while (count < target) {
    const r = rng();
    let b;
    if (r < 0.55) {
      if (heading !== 'trouble') fill.push({ kind: 'h', key: (heading = 'trouble') });
      b = { kind: 'p', from: TROUBLE, picks: distinct(rng, 2 + rng.int(3), TROUBLE.length) };
    } else if (r < 0.75) {
      if (heading !== 'faq') fill.push({ kind: 'h', key: (heading = 'faq') });
      b = { kind: 'faq', from: FAQ, picks: [rng.int(FAQ.length)], answer: [rng.int(TROUBLE.length), rng.int(cat.facts.length)] };
    } else if (r < 0.9) {
      if (heading !== 'steps2') {
        heading = 'steps2';
        fill.push({ kind: 'h', key: 'moreSteps' });
      }
      b = { kind: 'ol', from: STEPS, picks: distinct(rng, 3 + rng.int(5), STEPS.length) };
    } else {
      b = { kind: 'p', from: INTRO, picks: distinct(rng, 2, INTRO.length) };
    }
    fill.push(b);
    count += estimate(b);
  }
  blocks.push(...fill);
  blocks.push({ kind: 'h', key: 'more' });
  blocks.push({ kind: 'p', from: CLOSING, picks: distinct(rng, 2, CLOSING.length) });

  const tagCount = 1 + rng.int(5);
  const tags = [...new Set([p.obj.tag, ...Array.from({ length: tagCount - 1 }, () => rng.pick(cat.tags))])];
  const summaryIndex = rng.int(SUMMARIES.length);

  const render = (lang) => {
    const fillIn = (s) =>
      s
        .replace(/\{obj\}/g, p.obj[lang])
        .replace(/\{task\}/g, p.task[lang])
        .replace(/\{platform\}/g, p.platform[lang])
        .replace(/\{code\}/g, p.code)
        .replace(/\{section\}/g, section[lang]);
    const md = [];
    const html = [];
    const text = [];
    for (const b of blocks) {
      if (b.kind === 'h') {
        const h = HEADINGS[b.key][lang];
        md.push(`## ${h}`);
        html.push(`<h2>${escapeHtml(h)}</h2>`);
        text.push(h);
      } else if (b.kind === 'p') {
        const s = fillIn(b.picks.map((i) => b.from[i][lang]).join(' '));
        md.push(s);
        html.push(`<p>${inline(s)}</p>`);
        text.push(plain(s));
      } else if (b.kind === 'faq') {
        const q = b.from[b.picks[0]][lang];
        const a = fillIn(`${TROUBLE[b.answer[0]][lang]} ${cat.facts[b.answer[1]][lang]}`);
        md.push(`**${q}**\n\n${a}`);
        html.push(`<p><strong>${escapeHtml(q)}</strong></p>\n<p>${inline(a)}</p>`);
        text.push(`${q}\n${plain(a)}`);
      } else {
        const items = b.picks.map((i) => fillIn(b.from[i][lang]));
        const ordered = b.kind === 'ol';
        md.push(items.map((s, k) => `${ordered ? `${k + 1}.` : '-'} ${s}`).join('\n'));
        const tag = ordered ? 'ol' : 'ul';
        html.push(`<${tag}>\n${items.map((s) => `<li>${inline(s)}</li>`).join('\n')}\n</${tag}>`);
        text.push(items.map(plain).join('\n'));
      }
    }
    const title = TITLES[titleIndex](p)[lang];
    return {
      title,
      summary: SUMMARIES[summaryIndex](p)[lang],
      body: md.join('\n\n'),
      html: html.join('\n'),
      text: text.join('\n\n'),
    };
  };
  return { categoryIndex: ci, sectionIndex, tags, es: render('es'), en: render('en') };
}

/** A slug: accent-free, lower case, dashes. */
function slugify(s) {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 150);
}

module.exports = { prng, categoryTree, article, slugify, CATEGORIES };
